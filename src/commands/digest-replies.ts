import { scheduleData } from "../core/answers/digest-data.ts";
import {
  citationBook,
  errorReply,
  field,
  item,
  okReply,
  type ReplyContext,
  section,
} from "../core/reply/build.ts";
import type { Reply } from "../core/reply/schema.ts";
import type { Subscription } from "../digests/subscription.ts";
import { localTime } from "../digests/time.ts";

function describe(sub: Subscription, next: number | null): string {
  const topic = sub.topic ? `, topic ${sub.topic}` : "";
  const state = sub.paused
    ? ` [paused: ${sub.paused.reason}]`
    : next
      ? `, next ${localTime(next, sub.tz)}`
      : "";
  return `#${sub.channelId}: ${sub.label} (${sub.tz})${topic}${state}`;
}

export function subscribedReply(
  ctx: ReplyContext,
  sub: Subscription,
  next: number,
  updated: boolean,
): Reply {
  return okReply(
    ctx,
    {
      kind: "digest",
      title: updated ? "Digest schedule updated" : "Digest scheduled",
      summary: `This channel gets a Factdesk digest ${sub.label} (${sub.tz})${sub.topic ? ` about ${sub.topic}` : ""}. The first one arrives ${localTime(next, sub.tz)}.`,
      fields: [
        field("Schedule", `${sub.label}, cron ${sub.cron}`),
        field("Time zone", sub.tz),
        field("Topic", sub.topic ?? "everything"),
      ],
      sections: [],
      data: scheduleData([sub]),
    },
    citationBook(ctx.snapshot.corpus),
    [
      { label: "Preview", command: "digest preview" },
      { label: "Status", command: "digest status" },
    ],
  );
}

export function unsubscribedReply(ctx: ReplyContext, sub: Subscription | null): Reply {
  if (!sub)
    return errorReply(ctx, { code: "not_found", message: "This channel has no digest to stop." });
  return okReply(
    ctx,
    {
      kind: "digest",
      title: "Digest stopped",
      summary: `This channel's ${sub.label} digest is stopped.`,
      fields: [],
      sections: [],
      data: scheduleData([sub]),
    },
    citationBook(ctx.snapshot.corpus),
  );
}

export function listReply(
  ctx: ReplyContext,
  subs: ReadonlyArray<{ sub: Subscription; next: number | null }>,
  wholeWorkspace: boolean,
): Reply {
  return okReply(
    ctx,
    {
      kind: "digest",
      title: wholeWorkspace ? "Digests in this workspace" : "Digests in this channel",
      summary:
        subs.length === 0
          ? "No digests are scheduled."
          : `${subs.length} digest${subs.length === 1 ? "" : "s"}.`,
      fields: [],
      sections:
        subs.length > 0
          ? [
              section(
                "Subscriptions",
                subs.map(({ sub, next }) => item(describe(sub, next))),
              ),
            ]
          : [],
      data: scheduleData(subs.map((s) => s.sub)),
    },
    citationBook(ctx.snapshot.corpus),
  );
}

export function statusReply(
  ctx: ReplyContext,
  sub: Subscription | null,
  next: number | null,
): Reply {
  if (!sub) {
    return errorReply(ctx, {
      code: "not_found",
      message: "This channel has no digest. A channel manager can start one with digest subscribe.",
      usage: "digest subscribe <schedule> [tz <zone>] [topic <actor or words>]",
    });
  }
  const last = sub.lastDelivery;
  return okReply(
    ctx,
    {
      kind: "digest",
      title: sub.paused ? "Digest paused" : "Digest status",
      summary: sub.paused
        ? `Paused ${sub.paused.at}: ${sub.paused.reason}. Subscribe again to resume.`
        : `Running ${sub.label} (${sub.tz}).`,
      fields: [
        field("Schedule", `${sub.label}, cron ${sub.cron}`),
        field("Time zone", sub.tz),
        field("Topic", sub.topic ?? "everything"),
        field(
          "Next run",
          sub.paused || next === null ? "none while paused" : localTime(next, sub.tz),
        ),
        field(
          "Last delivery",
          last
            ? `${localTime(Date.parse(last.at), sub.tz)} (corpus ${last.corpusVersion})`
            : "none yet",
        ),
        field("Last error", lastErrorText(sub)),
        field("Subscribed by", sub.createdBy),
      ],
      sections: [],
      data: scheduleData([sub]),
    },
    citationBook(ctx.snapshot.corpus),
  );
}

/**
 * The last error, dated, and said to be over when a delivery landed after it: a stalled attempt's
 * timeout written after another attempt delivered must not read as the digest's state.
 */
function lastErrorText(sub: Subscription): string {
  const error = sub.lastError;
  if (!error) return "none";
  const told = `${localTime(Date.parse(error.at), sub.tz)}: ${error.message}`;
  const last = sub.lastDelivery;
  return last && Date.parse(last.at) >= Date.parse(error.at)
    ? `none since the last delivery (before it, ${told})`
    : told;
}
