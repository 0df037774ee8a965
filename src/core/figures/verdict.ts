import type { FigureGroup, FigureValue, QualifierTable, Verdict } from "../corpus/schema.ts";
import { type Amounts, intersect, intersectAll, sameAmounts } from "./amounts.ts";
import { amountsOf, momentOf } from "./read.ts";

/** How a group's values relate, read literally, and what the curator says where that misleads. */
export interface Judgement {
  verdict: Verdict;
  /** What the words alone say; differs from `verdict` only under a curator's override. */
  computed: Verdict;
  /** The amounts every value allows; null when there is none or the values are for different moments. */
  common: Amounts | null;
  /** The values in the order to show them: date order for a revision. */
  values: FigureValue[];
}

/**
 * Values sorted into moments: undated ones describe one moment (the event's outcome); dated
 * ones are at the same moment when their spans of time overlap ("2023" holds "Feb 2023").
 */
function moments(values: readonly FigureValue[], table: QualifierTable): FigureValue[][] {
  const undated = values.filter((v) => v.asOf === undefined);
  const dated = values
    .filter((v) => v.asOf !== undefined)
    .map((v) => ({ v, when: momentOf(v.asOf as NonNullable<FigureValue["asOf"]>, table) }))
    .sort((a, b) => a.when.low - b.when.low);
  const groups: { when: Amounts; values: FigureValue[] }[] = [];
  for (const { v, when } of dated) {
    const last = groups.at(-1);
    if (last && intersect(last.when, when)) {
      last.values.push(v);
      last.when = { ...last.when, high: Math.max(last.when.high, when.high) };
    } else groups.push({ when, values: [v] });
  }
  return [...(undated.length > 0 ? [undated] : []), ...groups.map((g) => g.values)];
}

export function judge(group: FigureGroup, table: QualifierTable): Judgement {
  const amounts = (v: FigureValue) => amountsOf(v, group.unit, table);
  const byMoment = moments(group.values, table);
  const commons = byMoment.map((vs) => intersectAll(vs.map(amounts)));
  const [first, ...rest] = group.values.map(amounts);
  const computed: Verdict = commons.some((c) => c === null)
    ? "conflict"
    : byMoment.length > 1
      ? "revision"
      : first && rest.every((a) => sameAmounts(a, first))
        ? "agree"
        : "compatible";
  return {
    verdict: group.override?.verdict ?? computed,
    computed,
    common: byMoment.length === 1 ? (commons[0] ?? null) : null,
    values: computed === "revision" ? byMoment.flat() : [...group.values],
  };
}

/** How many groups have each verdict. */
export function countVerdicts(
  groups: readonly FigureGroup[],
  table: QualifierTable,
): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { agree: 0, compatible: 0, conflict: 0, revision: 0 };
  for (const g of groups) counts[judge(g, table).verdict]++;
  return counts;
}
