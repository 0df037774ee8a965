import { outletName } from "../corpus/outlet.ts";
import type { FigureGroup, QualifierTable } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { formatFuzzyDate } from "../text/dates.ts";
import { parenthetical } from "../text/parenthetical.ts";
import type { Amounts } from "./amounts.ts";

/** A number as a reader expects it: 1,300,000 people, but the year 2014. */
export function formatAmount(n: number, unit: string): string {
  return unit === "year" ? String(n) : n.toLocaleString("en-GB");
}

/** A span of years in words: "2015", "late 2014", "2017 to 2019", "from 2015". */
function yearsLabel(a: Amounts, table: QualifierTable): string {
  const first = Math.floor(a.low);
  const last = Math.ceil(a.high) - 1;
  if (!Number.isFinite(a.high)) return `from ${first}`;
  if (!Number.isFinite(a.low)) return `before ${last + 1}`;
  if (first !== last) return `${first} to ${last}`;
  const close = (x: number, y: number) => Math.abs(x - y) < 1e-3;
  const period = table.find(
    (q) => q.kind === "period" && close(first + q.from, a.low) && close(first + q.to, a.high),
  );
  return period ? `${period.words[0]} ${first}` : String(first);
}

/**
 * The amounts every source allows, in words: "137 people", "130 to 137 people", "more than
 * 6,000 fighters", "late 2014".
 */
export function amountsLabel(a: Amounts, unit: string, table: QualifierTable): string {
  if (unit === "year") return yearsLabel(a, table);
  const n = (x: number) => formatAmount(x, unit);
  const low = Number.isFinite(a.low) ? `${a.lowIn ? "at least" : "more than"} ${n(a.low)}` : null;
  const high = Number.isFinite(a.high) ? `${a.highIn ? "at most" : "under"} ${n(a.high)}` : null;
  const words =
    a.low === a.high
      ? n(a.low)
      : low && high && a.lowIn && a.highIn
        ? `${n(a.low)} to ${n(a.high)}`
        : [low, high].filter(Boolean).join(" and ");
  return `${words} ${unit}`;
}

/**
 * Every statement with who made it and when: "137 (AsiaNews; Tortoise Media) / at least 130
 * (DefenceReport)". Identical statements from several outlets are listed once, never merged with
 * different ones.
 */
export function sourcedValues(corpus: Corpus, group: FigureGroup): string {
  const byStatement = new Map<string, string[]>();
  for (const v of group.values) {
    const key = v.asOf ? `${v.text}, as of ${formatFuzzyDate(v.asOf)}` : v.text;
    const source = corpus.articleById.get(v.citation.article);
    const outlet = source ? outletName(source) : v.citation.article;
    const outlets = byStatement.get(key) ?? [];
    if (!outlets.includes(outlet)) outlets.push(outlet);
    byStatement.set(key, outlets);
  }
  return [...byStatement]
    .map(([statement, outlets]) => `${statement} ${parenthetical(outlets.join("; "))}`)
    .join(" / ");
}
