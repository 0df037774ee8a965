import { presentFigure } from "../figures/present.ts";
import { citationBook, field, okReply, type ReplyContext } from "../reply/build.ts";
import type { FigureOut, Reply } from "../reply/schema.ts";
import { lookUp } from "./look-up.ts";

/** The span field's value when no amount is shown, by why there is none. */
function noSpan(f: FigureOut): string {
  if (f.verdict === "revision") return "values from different dates (see each)";
  return "none: no single amount fits every statement";
}

export function figureAnswer(ctx: ReplyContext, topic: string): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const found = lookUp(ctx, snapshot.names.figures, topic, ["figure", "figures"], "figure");
  if ("reply" in found) return found.reply;
  const group = corpus.figureById.get(found.id);
  if (!group) throw new Error(`index names unknown figure ${found.id}`);
  const book = citationBook(corpus);
  const out = presentFigure(snapshot, group, book);
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
      summary: out.note,
      fields: [
        field(
          "Every source allows",
          out.spanLabel ?? noSpan(out),
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
