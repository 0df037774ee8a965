import { type ClaimDispute, claimDisputes } from "../claims/disputes.ts";
import type { Citation, FigureGroup, Verdict } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { presentFigure } from "../figures/present.ts";
import {
  type CitationBook,
  citationBook,
  field,
  okReply,
  type ReplyContext,
  section,
} from "../reply/build.ts";
import type { Item, Reply } from "../reply/schema.ts";
import { plural } from "../text/plural.ts";
import { attributionWithSources } from "./attribution.ts";
import { figureData, perpetratorOut, refOf } from "./record-data.ts";

const shortest = (citations: readonly Citation[]): Citation =>
  citations.reduce((a, b) => (b.quote.length < a.quote.length ? b : a));

/** One claim dispute as an item: each side's status and who says so, with the entries' ids. */
function claimItem(corpus: Corpus, book: CitationBook, d: ClaimDispute): Item {
  const name = (id: string) => corpus.actorById.get(id)?.name ?? id;
  // A claim dispute is about one actor, named once; an allegation names each side's actor.
  const sides = d.sides.map((p) =>
    d.kind === "claim"
      ? attributionWithSources(corpus, p)
      : `${name(p.actor)} ${attributionWithSources(corpus, p)}`,
  );
  const lead = d.kind === "claim" ? `${d.attack.name}, ${name(d.actor)}: ` : `${d.attack.name}: `;
  return {
    text: `${lead}${sides.join("; ")}.`,
    // One quote per side, its shortest, shows it: the attack card has every quote, and the reply
    // must fit one message with its quotes shown.
    cites: [...new Set(d.sides.map((p) => book.cite(shortest(p.citations))))],
    highlights: [],
    // Claimed and not claimed cannot both be right; an allegation can stand beside a claim.
    disputed: d.kind === "claim",
    id: d.id,
    statements: d.sides.map((p) => p.id),
  };
}

/** What `disputes` lists: figures the sources disagree on, or claims over who was behind an attack. */
export const DISPUTE_VIEWS = ["figures", "claims"] as const;
export type DisputeView = (typeof DISPUTE_VIEWS)[number];

/**
 * Claim disputes, read from the perpetrator entries: claims (claimed and not claimed) first, then
 * allegations against a claim. Apart from the figures so each answer fits one message with its
 * quotes shown.
 */
function claimsAnswer(ctx: ReplyContext): Reply {
  const { corpus } = ctx.snapshot;
  const book = citationBook(corpus);
  const claims = claimDisputes(corpus.attacks);
  const contested = claims.filter((d) => d.kind === "claim").length;
  return okReply(
    ctx,
    {
      kind: "disputes",
      title: "Claims the sources disagree on",
      summary:
        claims.length > 0
          ? `${plural(contested, "attack")} a group is said both to have claimed and not to have claimed: those cannot both be right. Then ${plural(claims.length - contested, "allegation")} against another actor's claim, which can both be true.`
          : "No source contradicts another on who claimed an attack.",
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
      data: {
        kind: "disputes",
        view: "claims",
        figures: [],
        claims: claims.map((d) => ({
          id: d.id,
          kind: d.kind,
          attack: { id: d.attack.id, name: d.attack.name },
          actor: refOf(corpus, d.actor),
          sides: d.sides.map((p) => perpetratorOut(corpus, p)),
        })),
      },
    },
    book,
    [{ label: "Figures the sources disagree on", command: "disputes" }],
  );
}

export function disputesAnswer(ctx: ReplyContext, view: DisputeView = "figures"): Reply {
  if (view === "claims") return claimsAnswer(ctx);
  const { corpus } = ctx.snapshot;
  const book = citationBook(corpus);
  const having = (verdict: Verdict): FigureGroup[] =>
    corpus.figures.filter((g) => ctx.snapshot.judgementOf(g).verdict === verdict);
  // Conflicts first: those are the contradictions; compatible differences follow, labelled so.
  const conflicts = having("conflict");
  const compatible = having("compatible");
  const listed = [...conflicts, ...compatible];
  const claims = claimDisputes(corpus.attacks).length;
  const summary =
    listed.length > 0
      ? `${conflicts.length} of ${corpus.figures.length} figures are in conflict: their sources cannot all be right. ${compatible.length} more differ in wording but are compatible, not contradictions: one amount fits every source. Each shows every source's value side by side; none is averaged or preferred.`
      : "The sources agree on every figure in the corpus.";
  return okReply(
    ctx,
    {
      kind: "disputes",
      title: "Figures the sources disagree on",
      summary,
      fields:
        claims > 0
          ? [field("Claim disputes", `${claims}, on who was behind an attack: disputes claims`)]
          : [],
      sections: [],
      figures: listed.map((g) => presentFigure(ctx.snapshot, g, book)),
      data: {
        kind: "disputes",
        view: "figures",
        figures: listed.map((g) => figureData(ctx.snapshot, g)),
        claims: [],
      },
    },
    book,
    [
      ...listed.slice(0, 3).map((g) => ({ label: g.measure, command: `figure ${g.topics[0]}` })),
      ...(claims > 0 ? [{ label: "Claim disputes", command: "disputes claims" }] : []),
    ],
  );
}
