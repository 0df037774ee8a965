import type { DateSpan, FuzzyDate, When } from "../corpus/schema.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function plainDate(date: FuzzyDate): string {
  const [year, month, day] = date.value.split("-");
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  const core = [day ? String(Number(day)) : undefined, monthName, year].filter(Boolean).join(" ");
  return date.qualifier ? `${date.qualifier} ${core}` : core;
}

/** "22 Mar 2024", "late Mar 2024 (estimated)", "2015": never more precise than the source. */
export function formatFuzzyDate(date: FuzzyDate): string {
  const label = plainDate(date);
  return date.estimated ? `${label} (estimated)` : label;
}

export function isSpan(when: When): when is DateSpan {
  return "from" in when;
}

/**
 * A date or span as answers show it, with what makes it less than a stated date in one
 * parenthesis: "21 Mar 2024 (derived from “a day before the attack in Moscow”)",
 * "2020–late Mar 2024 (a span; estimated; derived from “In the last four years”)".
 */
export function formatWhen(when: When): string {
  const span = isSpan(when);
  const core = span ? `${plainDate(when.from)}–${plainDate(when.to)}` : plainDate(when);
  const estimated = span ? when.from.estimated || when.to.estimated : when.estimated;
  const notes = [
    span ? "a span" : null,
    estimated ? "estimated" : null,
    when.derivedFrom ? `derived from “${when.derivedFrom}”` : null,
  ].filter(Boolean);
  return notes.length > 0 ? `${core} (${notes.join("; ")})` : core;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The full month name of a month- or day-precise date, so "march 2024" finds it; else "". */
export function monthName(date: FuzzyDate): string {
  const month = date.value.split("-")[1];
  return month ? (MONTH_NAMES[Number(month) - 1] ?? "") : "";
}

// Where "early", "mid" and "late" start within a year (as a month) or a month (as a day).
const PART_START = {
  year: { early: "-01", mid: "-05", late: "-09" },
  month: { early: "-01", mid: "-11", late: "-21" },
} as const;

/** Sort key that places a month- or year-precise date at the start of its span ("late": its last third). */
export function dateSortKey(date: FuzzyDate): string {
  const part =
    date.qualifier && date.precision !== "day" ? PART_START[date.precision][date.qualifier] : "";
  return `${date.value}${part}`.padEnd(10, "-00");
}

/**
 * Sort key for a date or span. A span sorts by its end, after every dated item in the period its
 * end names: "in the last four years" (as of March 2024) comes after 22 March 2024, never in 2020.
 */
export function whenSortKey(when: When): string {
  return isSpan(when) ? when.to.value.padEnd(10, "-99") : dateSortKey(when);
}

/** The words look-ups match a date by: "2024-03-22", "22 Mar 2024", "March". */
export function whenWords(when: When): string[] {
  const dates = isSpan(when) ? [when.from, when.to] : [when];
  return dates.flatMap((d) => [
    d.value,
    formatFuzzyDate({ ...d, estimated: false, qualifier: undefined }),
    monthName(d),
  ]);
}

const WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
/** Words that date something only against another date: the article's, or another event's. */
const RELATIVE = new RegExp(
  `\\b(?:last|this|next|past|ago|before|after|earlier|later|recently|yesterday|today|tomorrow|the day|the following|${WEEKDAYS})\\b`,
  "i",
);
const MONTH = new RegExp(`\\b(?:${MONTH_NAMES.join("|")})\\b`, "i");
const YEAR = /\b\d{4}\b/;

/**
 * Whether a date's words depend on another date: "two weeks ago", "earlier this year", "a day
 * before the attack", "Friday's attack", or a month without its year ("in January").
 */
export function isRelativeDateWords(words: string): boolean {
  return RELATIVE.test(words) || (MONTH.test(words) && !YEAR.test(words));
}
