import { isDisputed } from "../figures/dispute.ts";
import { presentFigure } from "../figures/present.ts";
import { citationBook, okReply, type ReplyContext } from "../reply/build.ts";
import type { Reply } from "../reply/schema.ts";

export function disputesAnswer(ctx: ReplyContext): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
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
      figures: disputed.map((g) => presentFigure(corpus, g, book)),
    },
    book,
    disputed.slice(0, 3).map((g) => ({ label: g.measure, command: `figure ${g.topics[0]}` })),
  );
}
