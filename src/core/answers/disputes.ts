import { type ClaimDispute, claimDisputes } from "../claims/disputes.ts";
import type { FigureGroup, Verdict } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { presentFigure } from "../figures/present.ts";
import { judge } from "../figures/verdict.ts";
import {
  type CitationBook,
  citationBook,
  okReply,
  type ReplyContext,
  section,
} from "../reply/build.ts";
import type { Item, Reply } from "../reply/schema.ts";
import { attributionWithSources } from "./attribution.ts";

/** One claim dispute as an item: each side's status and who says so, with the entries' ids. */
function claimItem(corpus: Corpus, book: CitationBook, d: ClaimDispute): Item {
  const name = (id: string) => corpus.actorById.get(id)?.name ?? id;
  // A claim dispute is about one actor, named once; an allegation names each side's actor.
  const sides = d.sides.map((p) =>
    d.kind === "claim"
      ? attributionWithSources(corpus, p)
      : `${name(p.actor)} ${attributionWithSources(corpus, p)}`,
  );
  const question =
    d.kind === "claim"
      ? `Did ${name(d.actor)} claim it?`
      : `${name(d.actor)} is alleged to be behind it, against a claim of responsibility.`;
  const [first = "", ...rest] = sides;
  const listed = [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join("; ");
  return {
    text: `${d.attack.name}: ${question} ${listed}.`,
    cites: [...new Set(d.sides.flatMap((p) => book.citeAll(p.citations)))],
    highlights: [],
    // Claimed and not claimed cannot both be right; an allegation can stand beside a claim.
    disputed: d.kind === "claim",
    id: d.id,
    statements: d.sides.map((p) => p.id),
  };
}

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

export function disputesAnswer(ctx: ReplyContext): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const book = citationBook(corpus);
  const having = (verdict: Verdict): FigureGroup[] =>
    corpus.figures.filter((g) => judge(g, corpus.qualifiers).verdict === verdict);
  // Conflicts first: those are the contradictions; compatible differences follow, labelled so;
  // then who claimed what, which renderers show after the figures.
  const conflicts = having("conflict");
  const compatible = having("compatible");
  const listed = [...conflicts, ...compatible];
  const figures = listed.map((g) => presentFigure(corpus, g, book));
  const claims = claimDisputes(corpus.attacks);
  const claimCount = claims.filter((d) => d.kind === "claim").length;
  const figureSummary =
    listed.length > 0
      ? `${conflicts.length} of ${corpus.figures.length} figures are in conflict: their sources cannot all be right. ${compatible.length} more differ in wording but are compatible, not contradictions: one amount fits every source. Each shows every source's value side by side; none is averaged or preferred.`
      : "The sources agree on every figure in the corpus.";
  const claimSummary =
    claims.length > 0
      ? ` On who was behind an attack: ${counted(claimCount, "claim dispute")} (sources say a group both claimed and did not claim it), then ${counted(claims.length - claimCount, "allegation")} against a claim of responsibility, which can both be true.`
      : "";
  return okReply(
    ctx,
    {
      kind: "disputes",
      title: "Figures and claims the sources disagree on",
      summary: figureSummary + claimSummary,
      fields: [],
      sections:
        claims.length > 0
          ? [
              section(
                "Claim disputes",
                claims.map((d) => claimItem(corpus, book, d)),
              ),
            ]
          : [],
      figures,
    },
    book,
    listed.slice(0, 3).map((g) => ({ label: g.measure, command: `figure ${g.topics[0]}` })),
  );
}
