import type { FuzzyDate, When } from "../corpus/schema.ts";
import { formatFuzzyDate, isSpan } from "../text/dates.ts";
import type { DateOut, WhenOut } from "./data-schema.ts";

/** A date with its precision and qualifier; `derived` when worked out from relative words. */
export function dateOut(date: FuzzyDate, derived = false): DateOut {
  return {
    value: date.value,
    precision: date.precision,
    qualifier: date.qualifier ?? null,
    estimated: date.estimated,
    derived: derived || date.derivedFrom !== undefined,
    label: formatFuzzyDate(date),
  };
}

/** A date, or a span as its two ends; a span worked out from relative words has both derived. */
export function whenOut(when: When): WhenOut {
  if (!isSpan(when)) return dateOut(when);
  const derived = when.derivedFrom !== undefined;
  return { from: dateOut(when.from, derived), to: dateOut(when.to, derived) };
}
