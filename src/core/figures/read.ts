import type { FigureValue, FuzzyDate, QualifierTable } from "../corpus/schema.ts";
import { type Amounts, exactly } from "./amounts.ts";
import { qualifierMeaning } from "./parse.ts";

// A value read literally, as the set of amounts it allows, by the meanings in data/qualifiers.json.
// Years are spans of time in fractional years: "2014" is [2014, 2015), "late 2014" its last third.

const span = (low: number, high: number): Amounts => ({ low, high, lowIn: true, highIn: false });

/** A part ("late") of a span, by the table's fractions; the span itself when none applies. */
function part(table: QualifierTable, whole: Amounts, qualifier: string | null | undefined) {
  const meaning = qualifier ? qualifierMeaning(table, qualifier) : undefined;
  if (meaning?.kind !== "period") return whole;
  const width = whole.high - whole.low;
  return span(whole.low + meaning.from * width, whole.low + meaning.to * width);
}

/** The amounts a stated number or range allows before any qualifier. */
function stated(v: FigureValue, unit: string, table: QualifierTable): Amounts {
  const word = v.qualifier ? qualifierMeaning(table, v.qualifier) : undefined;
  const low = v.low ?? v.value;
  const high = v.high ?? v.value;
  if (low === undefined || high === undefined) {
    // Validation lets only a quantity word ("hundreds") stand without a number.
    return word?.kind === "quantity"
      ? { ...exactly(word.low), high: word.high }
      : { low: -Infinity, high: Infinity, lowIn: false, highIn: false };
  }
  return unit === "year" ? span(low, high + 1) : { ...exactly(low), high };
}

/** Every amount the value allows: "more than 130" is (130, ∞), "late 2014" [2014.67, 2015). */
export function amountsOf(v: FigureValue, unit: string, table: QualifierTable): Amounts {
  const base = stated(v, unit, table);
  const meaning = v.qualifier ? qualifierMeaning(table, v.qualifier) : undefined;
  switch (meaning?.kind) {
    case "lower":
      return meaning.inclusive
        ? { ...base, high: Infinity, highIn: false }
        : { low: base.high, lowIn: !base.highIn, high: Infinity, highIn: false };
    case "upper":
      return meaning.inclusive
        ? { ...base, low: -Infinity, lowIn: false }
        : { low: -Infinity, lowIn: false, high: base.low, highIn: !base.lowIn };
    case "approximate":
      return {
        ...base,
        low: base.low - meaning.width * Math.abs(base.low),
        high: base.high + meaning.width * Math.abs(base.high),
      };
    case "period":
      return part(table, base, v.qualifier);
    default:
      return base;
  }
}

/** The span of time a date covers, in fractional years: "late Mar 2024" is March's last third. */
export function momentOf(date: FuzzyDate, table: QualifierTable): Amounts {
  const [y = 0, m, d] = date.value.split("-").map(Number);
  const yearLength = Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1);
  const at = (month: number, day: number) =>
    y + (Date.UTC(y, month, day) - Date.UTC(y, 0, 1)) / yearLength;
  const whole =
    m === undefined
      ? span(y, y + 1)
      : d === undefined
        ? span(at(m - 1, 1), at(m, 1))
        : span(at(m - 1, d), at(m - 1, d + 1));
  return part(table, whole, date.qualifier);
}
