import { z } from "zod";
import type { CommandInfo } from "./command.ts";
import { parseSchedule, parseTimeZone } from "./digest-schedule.ts";
import { sanitizeInput, textOption } from "./input.ts";

export const DIGEST_ACTIONS = ["subscribe", "unsubscribe", "list", "status", "preview"] as const;

/** Name, usage and options of digest's subcommands, for help and for platforms to register. */
export const digestInfo: CommandInfo & {
  subcommands: ReadonlyArray<CommandInfo & { name: (typeof DIGEST_ACTIONS)[number] }>;
} = {
  name: "digest",
  summary: "Scheduled digests for this channel: subscribe, unsubscribe, list, status, preview.",
  usage:
    "digest subscribe <schedule> [tz <zone>] [topic <actor or words>] | unsubscribe | list | status | preview",
  examples: [
    "digest subscribe daily 08:00 tz Europe/Berlin",
    "digest subscribe weekdays 07:30 topic iskp",
    "digest status",
    "digest preview",
  ],
  options: [],
  subcommands: [
    {
      name: "subscribe",
      summary: "Post a digest to this channel on a schedule (channel managers only).",
      usage: "digest subscribe <schedule> [tz <zone>] [topic <actor or words>]",
      examples: ["digest subscribe daily 08:00 tz Europe/Berlin"],
      options: [
        {
          name: "schedule",
          description: "daily 08:00, weekdays 07:30, weekly mon 09:00 or cron",
          required: true,
        },
        {
          name: "tz",
          description: "IANA time zone, e.g. Europe/Berlin (default UTC)",
          required: false,
        },
        {
          name: "topic",
          description: "Only items about this actor or these words",
          required: false,
          complete: "actor",
        },
      ],
    },
    {
      name: "unsubscribe",
      summary: "Stop this channel's digest (channel managers only).",
      usage: "digest unsubscribe",
      examples: ["digest unsubscribe"],
      options: [],
    },
    {
      name: "list",
      summary: "Digests in this channel, or the whole workspace for admins.",
      usage: "digest list",
      examples: ["digest list"],
      options: [],
    },
    {
      name: "status",
      summary: "Next run, last delivery, last error, paused or not.",
      usage: "digest status",
      examples: ["digest status"],
      options: [],
    },
    {
      name: "preview",
      summary: "The digest as it would be posted now (works without Redis).",
      usage: "digest preview [topic <actor or words>]",
      examples: ["digest preview", "digest preview topic iskp"],
      options: [
        {
          name: "topic",
          description: "Only items about this actor or these words",
          required: false,
          complete: "actor",
        },
      ],
    },
  ],
};

const schedule = z.string().transform((text, ctx) => {
  const parsed = parseSchedule(sanitizeInput(text));
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: "custom", message: parsed.error.message });
  return z.NEVER;
});

const timeZone = z.string().transform((text, ctx) => {
  const parsed = parseTimeZone(sanitizeInput(text));
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: "custom", message: parsed.error.message });
  return z.NEVER;
});

export function digestRequestSchema(defaultTimeZone: string) {
  return z.discriminatedUnion("action", [
    z.strictObject({
      action: z.literal("subscribe"),
      schedule,
      tz: timeZone.default(defaultTimeZone),
      topic: textOption("a topic").optional(),
    }),
    z.strictObject({ action: z.literal("unsubscribe") }),
    z.strictObject({ action: z.literal("list") }),
    z.strictObject({ action: z.literal("status") }),
    z.strictObject({ action: z.literal("preview"), topic: textOption("a topic").optional() }),
  ]);
}
export type DigestRequest = z.infer<ReturnType<typeof digestRequestSchema>>;

/**
 * Typed text after "digest" into options: "subscribe daily 08:00 tz Europe/Berlin topic iskp".
 * `tz` and `topic` may come in either order; the schedule is what precedes them.
 */
export function digestTextToOptions(text: string): Record<string, string> {
  const [action = "", ...rest] = sanitizeInput(text).split(" ");
  const options: Record<string, string> = { action: action.toLowerCase() };
  const tail = rest.join(" ");
  const marker = /(?:^|\s)(tz|topic)\s+/gi;
  const parts: Array<{ key: string; start: number; valueStart: number }> = [];
  for (const m of tail.matchAll(marker)) {
    parts.push({
      key: (m[1] as string).toLowerCase(),
      start: m.index,
      valueStart: m.index + m[0].length,
    });
  }
  const head = tail.slice(0, parts[0]?.start ?? tail.length).trim();
  if (head) options[options.action === "subscribe" ? "schedule" : "extra"] = head;
  parts.forEach((p, i) => {
    options[p.key] = tail.slice(p.valueStart, parts[i + 1]?.start ?? tail.length).trim();
  });
  return options;
}
