import { CronExpressionParser } from "cron-parser";

// Building a formatter costs ~40 µs; a fan-out of thousands of digests needs a handful of zones.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, YYYY-MM-DD. */
export function localDate(at: number, tz: string): string {
  let format = dateFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dateFormats.set(tz, format);
  }
  return format.format(at);
}

/** "2026-11-22 08:00 Europe/Berlin": an instant as the channel reads it. */
export function localTime(at: number, tz: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")} ${tz}`;
}

/** The next time a cron pattern fires after `from`, in its zone. */
export function nextRun(cron: string, tz: string, from: number): number {
  return CronExpressionParser.parse(cron, { tz, currentDate: new Date(from) })
    .next()
    .getTime();
}

// Parsing a pattern and stepping back costs ~600 µs; a slot's fan-out asks for the same few
// (pattern, zone, slot) thousands of times. Bounded, as a worker runs for days of slots.
const previousRuns = new Map<string, number>();
const PREVIOUS_RUNS_KEPT = 1024;

/** The last time a cron pattern fired strictly before `before`, in its zone. */
export function previousRun(cron: string, tz: string, before: number): number {
  const key = `${cron}\u0000${tz}\u0000${before}`;
  const known = previousRuns.get(key);
  if (known !== undefined) return known;
  const previous = CronExpressionParser.parse(cron, { tz, currentDate: new Date(before) })
    .prev()
    .getTime();
  if (previousRuns.size >= PREVIOUS_RUNS_KEPT) previousRuns.clear();
  previousRuns.set(key, previous);
  return previous;
}
