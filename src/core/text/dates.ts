import type { FuzzyDate } from "../corpus/schema.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "22 Mar 2024", "late Mar 2024 (estimated)", "2015": never more precise than the source. */
export function formatFuzzyDate(date: FuzzyDate): string {
  const [year, month, day] = date.value.split("-");
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  const core = [day ? String(Number(day)) : undefined, monthName, year].filter(Boolean).join(" ");
  const label = date.qualifier ? `${date.qualifier} ${core}` : core;
  return date.estimated ? `${label} (estimated)` : label;
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

/** Sort key that places a month- or year-precise date at the start of its span. */
export function dateSortKey(date: FuzzyDate): string {
  return date.value.padEnd(10, "-00");
}
