import { describe, expect, it } from "vitest";
import { digestRequestSchema, digestTextToOptions } from "../../src/commands/digest.ts";
import { parseSchedule, parseTimeZone } from "../../src/commands/digest-schedule.ts";

describe("parseSchedule", () => {
  it.each([
    ["daily 08:00", "0 8 * * *", "daily at 08:00"],
    ["weekdays 7:30", "30 7 * * 1-5", "weekdays at 07:30"],
    ["weekly mon 09:00", "0 9 * * 1", "weekly on mon at 09:00"],
    ["Weekly Friday 17:45", "45 17 * * 5", "weekly on fri at 17:45"],
    ["0 8 * * 1-5", "0 8 * * 1-5", 'cron "0 8 * * 1-5"'],
  ])("reads %s", (text, cron, label) => {
    expect(parseSchedule(text)).toEqual({ ok: true, value: { cron, label } });
  });

  it.each([
    "daily 25:00",
    "daily",
    "weekly 09:00",
    "weekly someday 09:00",
    "61 8 * * *",
    "every now and then",
    "",
  ])("refuses %j with a message that shows the accepted forms", (text) => {
    expect(parseSchedule(text)).toMatchObject({
      ok: false,
      error: { code: "schedule.invalid_schedule", message: expect.stringContaining("daily 08:00") },
    });
  });
});

describe("parseTimeZone", () => {
  it("accepts IANA zones in any case and returns the canonical name", () => {
    expect(parseTimeZone("europe/berlin")).toEqual({ ok: true, value: "Europe/Berlin" });
    expect(parseTimeZone("UTC")).toEqual({ ok: true, value: "UTC" });
  });

  it("refuses what is not a zone", () => {
    expect(parseTimeZone("Mars/Olympus")).toMatchObject({
      ok: false,
      error: {
        code: "schedule.invalid_time_zone",
        message: expect.stringContaining("Europe/Berlin"),
      },
    });
  });
});

describe("digest text", () => {
  const schema = digestRequestSchema("UTC");

  it("splits schedule, zone and topic in either order", () => {
    expect(digestTextToOptions("subscribe daily 08:00 tz Europe/Berlin topic isis k")).toEqual({
      action: "subscribe",
      schedule: "daily 08:00",
      tz: "Europe/Berlin",
      topic: "isis k",
    });
    expect(
      digestTextToOptions("subscribe weekly mon 09:00 topic taliban tz Asia/Kabul"),
    ).toMatchObject({
      schedule: "weekly mon 09:00",
      tz: "Asia/Kabul",
      topic: "taliban",
    });
  });

  it("parses a full subscribe request, defaulting the zone", () => {
    expect(schema.parse(digestTextToOptions("subscribe weekdays 07:30"))).toEqual({
      action: "subscribe",
      schedule: { cron: "30 7 * * 1-5", label: "weekdays at 07:30" },
      tz: "UTC",
    });
  });

  it("refuses an invalid zone or schedule with a message and a path", () => {
    const zone = schema.safeParse(digestTextToOptions("subscribe daily 08:00 tz Mars/Olympus"));
    expect(zone.success).toBe(false);
    expect(zone.error?.issues[0]).toMatchObject({
      path: ["tz"],
      message: expect.stringContaining("not a time zone"),
    });
    const cron = schema.safeParse(digestTextToOptions("subscribe 99 * * * *"));
    expect(cron.error?.issues[0]).toMatchObject({
      path: ["schedule"],
      message: expect.stringContaining("cron"),
    });
  });

  it("refuses words after an action that takes none", () => {
    expect(schema.safeParse(digestTextToOptions("status now please")).success).toBe(false);
  });
});
