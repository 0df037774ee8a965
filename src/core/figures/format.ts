import type { FigureGroup } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { formatFuzzyDate } from "../text/dates.ts";
import { figureSpan, sameTime } from "./dispute.ts";

/** A number as a reader expects it: 1,300,000 people, but the year 2014. */
export function formatAmount(n: number, unit: string): string {
  return unit === "year" ? String(n) : n.toLocaleString("en-GB");
}

/**
 * "130 to 137 people": the numbers the sources state, in words. Null when the values are dated to
 * different moments (2019 and 2023), where a span would join things that were never compared.
 */
export function spanLabel(group: FigureGroup, span = figureSpan(group)): string | null {
  const { values } = group;
  const mixed = values.some((a, i) => values.slice(i + 1).some((b) => !sameTime(a.asOf, b.asOf)));
  if (!span || mixed) return null;
  const { low, high } = span;
  const unit = group.unit === "year" ? "" : ` ${group.unit}`;
  const amount = (n: number) => formatAmount(n, group.unit);
  return low === high ? `${amount(low)}${unit}` : `${amount(low)} to ${amount(high)}${unit}`;
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
    const outlet = corpus.articleById.get(v.citation.article)?.outlet ?? v.citation.article;
    const outlets = byStatement.get(key) ?? [];
    if (!outlets.includes(outlet)) outlets.push(outlet);
    byStatement.set(key, outlets);
  }
  return [...byStatement]
    .map(([statement, outlets]) => `${statement} (${outlets.join("; ")})`)
    .join(" / ");
}
