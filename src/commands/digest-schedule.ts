import { CronExpressionParser } from "cron-parser";
import type { Code } from "../core/codes.ts";
import { type Failure, fail, ok, type Result } from "../core/result.ts";

/** A validated schedule: the cron pattern BullMQ runs, and how to say it to a person. */
export interface Schedule {
  cron: string;
  label: string;
}

type ScheduleFailure = Failure<Code<"schedule">>;

const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export const SCHEDULE_HELP =
  'Schedules: "daily 08:00", "weekdays 07:30", "weekly mon 09:00", or a five-field cron expression such as "0 8 * * 1-5".';

function at(time: string | undefined): { h: number; m: number; text: string } | null {
  const match = time ? TIME.exec(time) : null;
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return { h, m, text: `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}` };
}

const invalid = (message: string) =>
  fail<ScheduleFailure>({ code: "schedule.invalid_schedule", message });

/** "daily 08:00", "weekdays 07:30", "weekly mon 09:00" or a five-field cron expression. */
export function parseSchedule(text: string): Result<Schedule, ScheduleFailure> {
  const words = text.trim().toLowerCase().split(/\s+/);
  const [kind, first, second] = words;
  if (kind === "daily" || kind === "weekdays") {
    const time = at(first);
    if (!time || words.length !== 2)
      return invalid(`"${text}" needs a time like 08:00. ${SCHEDULE_HELP}`);
    return ok({
      cron: `${time.m} ${time.h} * * ${kind === "daily" ? "*" : "1-5"}`,
      label: `${kind} at ${time.text}`,
    });
  }
  if (kind === "weekly") {
    const day = first ? DAYS[first.slice(0, 3)] : undefined;
    const time = at(second);
    if (day === undefined || !time || words.length !== 3) {
      return invalid(`"${text}" needs a day and a time, like "weekly mon 09:00". ${SCHEDULE_HELP}`);
    }
    return ok({
      cron: `${time.m} ${time.h} * * ${day}`,
      label: `weekly on ${first?.slice(0, 3)} at ${time.text}`,
    });
  }
  if (words.length !== 5) return invalid(`"${text}" is not a schedule. ${SCHEDULE_HELP}`);
  try {
    CronExpressionParser.parse(words.join(" "), { strict: false });
  } catch (err) {
    return invalid(
      `"${text}" is not a valid cron expression (${(err as Error).message}). ${SCHEDULE_HELP}`,
    );
  }
  return ok({ cron: words.join(" "), label: `cron "${words.join(" ")}"` });
}

/** An IANA time zone, returned in its canonical spelling ("europe/berlin" → "Europe/Berlin"). */
export function parseTimeZone(zone: string): Result<string, ScheduleFailure> {
  try {
    return ok(new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone);
  } catch {
    return fail({
      code: "schedule.invalid_time_zone",
      message: `"${zone}" is not a time zone. Use an IANA name such as Europe/Berlin, America/New_York or UTC.`,
    });
  }
}
