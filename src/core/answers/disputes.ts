import { citationBook, okReply, type ReplyContext } from "../answer/build.ts";
import type { Reply } from "../answer/schema.ts";
import { isDisputed } from "../figures/dispute.ts";
import { figureOut } from "../figures/figure-out.ts";

export function disputesAnswer(ctx: ReplyContext): Reply {
  const { corpus } = ctx;
  const book = citationBook(corpus);
  const disputed = corpus.figures.filter(isDisputed);
  return okReply(
    ctx,
    {
      kind: "disputes",
      title: "Figures the sources disagree on",
      summary:
        disputed.length > 0
          ? `${disputed.length} of ${corpus.figures.length} figures are disputed. Each shows every source's value side by side; none is averaged or preferred.`
          : "The sources agree on every figure in the corpus.",
      fields: [],
      sections: [],
      figures: disputed.map((g) => figureOut(corpus, g, book)),
    },
    book,
    disputed.slice(0, 3).map((g) => ({ label: g.measure, command: `figure ${g.topics[0]}` })),
  );
}
