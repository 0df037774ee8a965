import { outletName } from "../corpus/outlet.ts";
import type { FigureGroup } from "../corpus/schema.ts";
import type { CitationBook } from "../reply/build.ts";
import type { FigureOut } from "../reply/schema.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { formatFuzzyDate } from "../text/dates.ts";
import { amountsLabel } from "./format.ts";
import type { Judgement } from "./verdict.ts";

const end = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null);

/** The verdict in words a reporter reads without the JSON contract. */
function verdictNote(
  { verdict, computed }: Pick<Judgement, "verdict" | "computed">,
  label: string | null,
  outlets: number,
  override: FigureGroup["override"],
): string {
  if (override) {
    return `Curator's verdict: ${verdict} (read literally: ${computed}). ${override.reason}`;
  }
  switch (verdict) {
    case "conflict":
      return "Conflict: no single amount fits every source's statement, so they cannot all be right. Every value is shown with its source; none is preferred.";
    case "compatible":
      return `Compatible: the sources word it differently but do not contradict each other; ${label} fits every statement.`;
    case "revision":
      return "The sources give values for different dates; each is shown with its date, oldest first.";
    case "agree":
      return outlets > 1
        ? `${outlets} sources agree.`
        : "One source gives this figure; no other source in the corpus states it.";
  }
}

/** The amounts every value allows, rounded for people; null for a conflict or a revision. */
export function figureSpan(judged: Pick<Judgement, "common">): FigureOut["span"] {
  const { common } = judged;
  return (
    common && {
      low: end(common.low),
      high: end(common.high),
      lowInclusive: common.lowIn,
      highInclusive: common.highIn,
    }
  );
}

/** A figure group as an answer shows it: every value, its source and quote, and the verdict. */
export function presentFigure(
  snapshot: CorpusSnapshot,
  group: FigureGroup,
  book: CitationBook,
): FigureOut {
  const { corpus } = snapshot;
  const judged = snapshot.judgementOf(group);
  const { common } = judged;
  const spanLabel = common && amountsLabel(common, group.unit, corpus.qualifiers);
  const outletOf = (article: string) => {
    const source = corpus.articleById.get(article);
    return source ? outletName(source) : article;
  };
  const outlets = new Set(group.values.map((v) => outletOf(v.citation.article))).size;
  return {
    id: group.id,
    measure: group.measure,
    unit: group.unit,
    verdict: judged.verdict,
    override: group.override ? { computed: judged.computed, reason: group.override.reason } : null,
    disputed: judged.verdict === "conflict",
    span: figureSpan(judged),
    spanLabel,
    note: verdictNote(judged, spanLabel, outlets, group.override),
    values: judged.values.map((v) => {
      // The curated wording ("a 2023 UN Security Council report") says more than the ids do.
      const credited =
        v.attributedToText ??
        v.attributedTo.map((id) => corpus.actorById.get(id)?.name ?? id).join("; ");
      return {
        id: v.id,
        text: v.text,
        value: v.value ?? null,
        low: v.low ?? null,
        high: v.high ?? null,
        qualifier: v.qualifier,
        asOf: v.asOf ? formatFuzzyDate(v.asOf) : null,
        attributedTo: credited || null,
        outlet: outletOf(v.citation.article),
        cite: book.cite(v.citation),
      };
    }),
  };
}
