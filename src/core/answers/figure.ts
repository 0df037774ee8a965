import { presentFigure } from "../figures/present.ts";
import { citationBook, field, okReply, type ReplyContext } from "../reply/build.ts";
import type { FigureOut, Reply } from "../reply/schema.ts";
import { lookUp } from "./look-up.ts";

function verdict(f: FigureOut): string {
  const sources = new Set(f.values.map((v) => v.outlet)).size;
  const statements = new Set(f.values.map((v) => `${v.text}|${v.asOf}`)).size;
  if (f.disputed) {
    return `Disputed: ${sources} sources make ${statements} different statements of this figure. Every value is shown with its source; none is preferred.`;
  }
  if (statements > 1)
    return "The sources give values for different dates; each is shown with its date.";
  return sources > 1
    ? `${sources} sources agree.`
    : "One source gives this figure; no other source in the corpus states it.";
}

export function figureAnswer(ctx: ReplyContext, topic: string): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const found = lookUp(ctx, snapshot.names.figures, topic, ["figure", "figures"], "figure");
  if ("reply" in found) return found.reply;
  const group = corpus.figureById.get(found.id);
  if (!group) throw new Error(`index names unknown figure ${found.id}`);
  const book = citationBook(corpus);
  const out = presentFigure(corpus, group, book);
  const related = corpus.figures
    .filter(
      (g) =>
        g.id !== group.id &&
        (g.about.attacks.some((a) => group.about.attacks.includes(a)) ||
          g.about.actors.some((a) => group.about.actors.includes(a))),
    )
    .slice(0, 3)
    .map((g) => ({ label: g.measure, command: `figure ${g.topics[0]}` }));
  return okReply(
    ctx,
    {
      kind: "figure",
      title: group.measure,
      summary: verdict(out),
      fields: [
        field(
          "Values span",
          out.spanLabel ??
            (out.span ? "values from different dates (see each)" : "no number stated"),
          out.values.map((v) => v.cite),
          out.disputed,
        ),
        field("Sources", String(new Set(out.values.map((v) => v.outlet)).size)),
      ],
      sections: [],
      figures: [out],
    },
    book,
    related,
  );
}
