import type { FigureGroup } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import type { CitationBook } from "../reply/build.ts";
import type { FigureOut } from "../reply/schema.ts";
import { formatFuzzyDate } from "../text/dates.ts";
import { figureSpan, isDisputed } from "./dispute.ts";
import { spanLabel } from "./format.ts";

/** A figure group as an answer shows it: every value, its source and quote, and the verdict. */
export function presentFigure(corpus: Corpus, group: FigureGroup, book: CitationBook): FigureOut {
  const span = figureSpan(group);
  return {
    id: group.id,
    measure: group.measure,
    unit: group.unit,
    disputed: isDisputed(group),
    span,
    spanLabel: spanLabel(group, span),
    values: group.values.map((v) => {
      // The curated wording ("a 2023 UN Security Council report") says more than the ids do.
      const credited =
        v.attributedToText ??
        v.attributedTo.map((id) => corpus.actorById.get(id)?.name ?? id).join("; ");
      return {
        text: v.text,
        value: v.value ?? null,
        low: v.low ?? null,
        high: v.high ?? null,
        qualifier: v.qualifier,
        asOf: v.asOf ? formatFuzzyDate(v.asOf) : null,
        attributedTo: credited || null,
        outlet: corpus.articleById.get(v.citation.article)?.outlet ?? v.citation.article,
        cite: book.cite(v.citation),
      };
    }),
  };
}
