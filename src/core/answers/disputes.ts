import type { FigureGroup, Verdict } from "../corpus/schema.ts";
import { presentFigure } from "../figures/present.ts";
import { citationBook, okReply, type ReplyContext } from "../reply/build.ts";
import type { Reply } from "../reply/schema.ts";

export function disputesAnswer(ctx: ReplyContext): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const book = citationBook(corpus);
  const having = (verdict: Verdict): FigureGroup[] =>
    corpus.figures.filter((g) => snapshot.judgementOf(g).verdict === verdict);
  // Conflicts first: those are the contradictions; compatible differences follow, labelled so.
  const conflicts = having("conflict");
  const compatible = having("compatible");
  const listed = [...conflicts, ...compatible];
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
      fields: [],
      sections: [],
      figures: listed.map((g) => presentFigure(snapshot, g, book)),
    },
    book,
    listed.slice(0, 3).map((g) => ({ label: g.measure, command: `figure ${g.topics[0]}` })),
  );
}
