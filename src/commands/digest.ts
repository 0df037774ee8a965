import { z } from "zod";
import { digestAnswer, type ShownStatements } from "../core/answers/digest.ts";
import { errorReply } from "../core/reply/build.ts";
import type { Reply } from "../core/reply/schema.ts";
import { type Subscription, subscriptionId } from "../digests/subscription.ts";
import { localDate, nextRun } from "../digests/time.ts";
import { type CommandContext, type CommandInfo, defineCommand } from "./command.ts";
import { listReply, statusReply, subscribedReply, unsubscribedReply } from "./digest-replies.ts";
import { parseSchedule, parseTimeZone } from "./digest-schedule.ts";
import { textOption } from "./input.ts";

const DIGEST_ACTIONS = ["subscribe", "unsubscribe", "list", "status", "preview"] as const;

const info: CommandInfo & {
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
  const parsed = parseSchedule(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: "custom", message: parsed.error.message });
  return z.NEVER;
});

const timeZone = z.string().transform((text, ctx) => {
  const parsed = parseTimeZone(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: "custom", message: parsed.error.message });
  return z.NEVER;
});

const DigestRequest = z.discriminatedUnion("action", [
  z.strictObject({
    action: z.literal("subscribe"),
    schedule,
    tz: timeZone.optional(),
    topic: textOption("a topic").optional(),
  }),
  z.strictObject({ action: z.literal("unsubscribe") }),
  z.strictObject({ action: z.literal("list") }),
  z.strictObject({ action: z.literal("status") }),
  z.strictObject({ action: z.literal("preview"), topic: textOption("a topic").optional() }),
]);
type DigestRequest = z.infer<typeof DigestRequest>;

/**
 * Typed text after "digest" into options: "subscribe daily 08:00 tz Europe/Berlin topic iskp".
 * `tz` and `topic` may come in either order; the schedule is what precedes them.
 */
function textToOptions(text: string): Record<string, string> {
  const [action = "", ...rest] = text.split(" ");
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

/** The preview needs no Redis: the digest as it would be posted now, as if it were the first. */
function preview(
  ctx: CommandContext,
  topic: string | undefined,
  since: { previousKeys: ReadonlySet<string> | null; shown?: ShownStatements },
  tz: string,
): Reply {
  return digestAnswer(ctx, { topic, ...since, date: localDate(ctx.services.now(), tz) }).reply;
}

async function run(ctx: CommandContext, request: DigestRequest): Promise<Reply> {
  const { digests, defaultTimeZone } = ctx.services;
  if (!digests) {
    if (request.action === "preview")
      return preview(ctx, request.topic, { previousKeys: null }, defaultTimeZone);
    return errorReply(ctx, {
      code: "unavailable",
      message: `Digests are unavailable: ${ctx.services.digestsUnavailable}. Every other command still works.`,
    });
  }
  const { caller } = ctx;
  const channel = {
    platform: caller.platform,
    workspaceId: caller.workspaceId,
    channelId: caller.channelId,
  };
  const now = ctx.services.now();
  const nextFor = (sub: Subscription) => (sub.paused ? null : nextRun(sub.cron, sub.tz, now));
  const refuse = () =>
    errorReply(ctx, {
      code: "forbidden",
      message: MAY_CHANGE[caller.platform] ?? MAY_CHANGE_ELSEWHERE,
    });
  switch (request.action) {
    case "subscribe": {
      if (!(await caller.canManage())) return refuse();
      const existing = await digests.forChannel(channel);
      const at = new Date(now).toISOString();
      const sub: Subscription = {
        id: subscriptionId(channel),
        ...channel,
        cron: request.schedule.cron,
        label: request.schedule.label,
        tz: request.tz ?? defaultTimeZone,
        topic: request.topic ?? null,
        createdBy: caller.userId,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
        paused: null,
        // Re-subscribing never rewinds what the channel has already been told.
        lastDelivery: existing?.lastDelivery ?? null,
        lastError: null,
      };
      await digests.subscribe(sub);
      return subscribedReply(ctx, sub, nextRun(sub.cron, sub.tz, now), existing !== null);
    }
    case "unsubscribe": {
      if (!(await caller.canManage())) return refuse();
      const sub = await digests.forChannel(channel);
      if (sub) await digests.unsubscribe(sub);
      return unsubscribedReply(ctx, sub);
    }
    case "list": {
      const manager = await caller.canManage();
      const subs = manager
        ? await digests.inWorkspace(caller.platform, caller.workspaceId)
        : [await digests.forChannel(channel)].filter((s): s is Subscription => s !== null);
      return listReply(
        ctx,
        subs.map((sub) => ({ sub, next: nextFor(sub) })),
        manager,
      );
    }
    case "status": {
      const sub = await digests.forChannel(channel);
      return statusReply(ctx, sub, sub ? nextFor(sub) : null);
    }
    case "preview": {
      const sub = await digests.forChannel(channel);
      const previousKeys = sub?.lastDelivery
        ? await digests.manifest(sub.lastDelivery.corpusVersion)
        : null;
      return preview(
        ctx,
        request.topic ?? sub?.topic ?? undefined,
        { previousKeys, shown: sub?.lastDelivery?.shown },
        sub?.tz ?? defaultTimeZone,
      );
    }
  }
}

/** Who may change a channel's digest, as each platform's check decides it, and whom to ask. */
const MAY_CHANGE: Record<string, string> = {
  slack:
    "Only workspace admins and owners, and the people Factdesk's operator lists in \"SLACK_DIGEST_MANAGERS\", can change this channel's digest. Ask one of them (a workspace admin can tell you who). Nothing was changed.",
  discord:
    "Only members with the Manage Channels or Manage Server permission can change this channel's digest. Ask a server moderator. Nothing was changed.",
};
const MAY_CHANGE_ELSEWHERE =
  "Only people who can manage this channel can change its digest. Nothing was changed.";

export const digest = defineCommand({
  ...info,
  schema: DigestRequest,
  fromText: textToOptions,
  // A digest command changes a channel's subscription: a button must never run it again.
  reanswerable: false,
  unavailable:
    "Digests are unavailable right now: the digest store did not answer. A change may still apply when it reconnects, so check with digest status. Every other command still works.",
  run,
});
