import type { FigureGroup } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { sourcedValues } from "../figures/format.ts";
import { presentFigure } from "../figures/present.ts";
import { citationBook, field, okReply, type ReplyContext } from "../reply/build.ts";
import type { FigureOut, Reply } from "../reply/schema.ts";
import { lookUp } from "./look-up.ts";
import { figureData } from "./record-data.ts";

/** The span field's value when no amount is shown, by why there is none. */
function noSpan(f: FigureOut): string {
  if (f.verdict === "revision") return "values from different dates (see each)";
  return "none: no single amount fits every statement";
}

/** What several figures have in common that makes them one answer, if anything. */
function oneSource(corpus: Corpus, groups: readonly FigureGroup[]): "incident" | "sentence" | null {
  const [first, ...rest] = groups;
  if (!first) return null;
  // One incident's toll: every figure is the killed or the injured of the same attack.
  const tollOf = (id: string) =>
    corpus.attacks.find((a) => a.casualties.killed === id || a.casualties.injured === id)?.id;
  const attack = tollOf(first.id);
  if (attack && rest.every((g) => tollOf(g.id) === attack)) return "incident";
  const quotes = (g: FigureGroup) =>
    new Set(g.values.map((v) => `${v.citation.article}\u0000${v.citation.quote}`));
  const shared = [...quotes(first)].some((q) => rest.every((g) => quotes(g).has(q)));
  return shared ? "sentence" : null;
}

/** Figures of one incident or one sentence (Kandahar's killed and injured), shown together. */
function togetherAnswer(ctx: ReplyContext, groups: readonly FigureGroup[], what: string): Reply {
  const { corpus } = ctx.snapshot;
  const book = citationBook(corpus);
  // In the corpus's order, where a toll's killed come before its injured.
  const ordered = [...groups].sort((a, b) => corpus.figures.indexOf(a) - corpus.figures.indexOf(b));
  const outs = ordered.map((g) => presentFigure(ctx.snapshot, g, book));
  const attack = corpus.attacks.find((a) => a.casualties.killed === ordered[0]?.id);
  const said = [...new Set(outs.flatMap((f) => f.values.map((v) => v.text)))].join("; ");
  return okReply(
    ctx,
    {
      kind: "figure",
      title: what === "incident" && attack ? attack.name : (outs[0]?.measure ?? "Figures"),
      summary: `${said}: ${outs.length} figures from one ${what}, shown together.`,
      summaryCites: [...new Set(outs.flatMap((f) => f.values.map((v) => v.cite)))],
      fields: outs.map((f) =>
        field(
          f.measure,
          f.spanLabel ?? noSpan(f),
          f.values.map((v) => v.cite),
          f.disputed,
        ),
      ),
      sections: [],
      figures: outs,
      data: { kind: "figure", figures: ordered.map((g) => figureData(ctx.snapshot, g)) },
    },
    book,
  );
}

export function figureAnswer(ctx: ReplyContext, topic: string): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const groupsOf = (ids: readonly string[]) =>
    ids.map((id) => corpus.figureById.get(id)).filter((g) => g !== undefined);
  const found = lookUp(
    ctx,
    snapshot.names.figures,
    topic,
    ["figure", "figures"],
    "figure",
    (ids) => (oneSource(corpus, groupsOf(ids)) ? { together: ids } : null),
  );
  if ("reply" in found) return found.reply;
  if (found.together.length > 0) {
    const groups = groupsOf(found.together);
    return togetherAnswer(ctx, groups, oneSource(corpus, groups) ?? "incident");
  }
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
      // Under the measure as title: the values first, each with its source, then what the verdict means.
      summary: `${sourcedValues(corpus, group)}. ${out.note}`,
      summaryCites: [...new Set(out.values.map((v) => v.cite))],
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
      data: { kind: "figure", figures: [figureData(snapshot, group)] },
    },
    book,
    related,
  );
}
