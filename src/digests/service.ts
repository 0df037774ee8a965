import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { RequestContext } from "../commands/command.ts";
import type { DigestRequest } from "../commands/digest.ts";
import { errorReply, type ReplyContext } from "../core/answer/build.ts";
import type { Reply } from "../core/answer/schema.ts";
import { digestAnswer } from "../core/answers/digest.ts";
import type { Corpus } from "../core/corpus/types.ts";
import type { DigestStore } from "../ports/digest-store.ts";
import { DIGEST_JOB, type DigestJobData, digestQueue } from "./queue.ts";
import { redisDigestStore } from "./redis-store.ts";
import { listReply, statusReply, subscribedReply, unsubscribedReply } from "./replies.ts";
import { type Subscription, subscriptionId } from "./subscription.ts";
import { localDate, nextRun } from "./time.ts";

/** Retries for transient failures: 8 attempts, 5 s doubling (about 10 minutes in all). */
const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential" as const, delay: 5_000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 1000 },
};

export interface DigestService {
  handle(ctx: RequestContext, request: DigestRequest, query: string): Promise<Reply>;
  /** Queues the digest for one slot now (ops and tests); the slot defaults to the current time. */
  runSlotNow(subscriptionId: string, slot?: number): Promise<void>;
  store: DigestStore;
  queue: Queue<DigestJobData>;
  close(): Promise<void>;
}

/** The preview needs no Redis: the digest as it would be posted now, as if it were the first. */
export function previewDigest(ctx: ReplyContext, topic: string | undefined, tz: string): Reply {
  return digestAnswer(ctx, { topic, previousKeys: null, date: localDate(Date.now(), tz) });
}

export function digestService(options: {
  connection: Redis;
  prefix: string;
  corpus: Corpus;
  defaultTimeZone: string;
}): DigestService {
  const { corpus, connection, prefix } = options;
  const store = redisDigestStore(connection, prefix);
  const queue = digestQueue(connection, prefix);
  const nextFor = (sub: Subscription) =>
    sub.paused ? null : nextRun(sub.cron, sub.tz, Date.now());

  async function handle(
    ctx: RequestContext,
    request: DigestRequest,
    query: string,
  ): Promise<Reply> {
    const rc: ReplyContext = { corpus, command: "digest", query };
    const channel = {
      platform: ctx.platform,
      workspaceId: ctx.workspaceId,
      channelId: ctx.channelId,
    };
    const refuse = () =>
      errorReply(rc, {
        code: "forbidden",
        message:
          "Only people who can manage this channel can change its digest. Nothing was changed.",
      });
    switch (request.action) {
      case "subscribe": {
        if (!(await ctx.canManage())) return refuse();
        const existing = await store.forChannel(channel);
        const now = new Date().toISOString();
        const sub: Subscription = {
          id: subscriptionId(channel),
          ...channel,
          cron: request.schedule.cron,
          label: request.schedule.label,
          tz: request.tz,
          topic: request.topic ?? null,
          createdBy: ctx.userId,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
          paused: null,
          lastDelivery: existing?.lastDelivery ?? null,
          lastError: null,
        };
        await store.save(sub);
        await queue.upsertJobScheduler(
          sub.id,
          { pattern: sub.cron, tz: sub.tz },
          { name: DIGEST_JOB, data: { subscriptionId: sub.id }, opts: JOB_OPTIONS },
        );
        return subscribedReply(rc, sub, nextRun(sub.cron, sub.tz, Date.now()), existing !== null);
      }
      case "unsubscribe": {
        if (!(await ctx.canManage())) return refuse();
        const sub = await store.forChannel(channel);
        if (sub) {
          await queue.removeJobScheduler(sub.id);
          await store.remove(sub);
        }
        return unsubscribedReply(rc, sub);
      }
      case "list": {
        const manager = await ctx.canManage();
        const subs = manager
          ? await store.inWorkspace(ctx.platform, ctx.workspaceId)
          : [await store.forChannel(channel)].filter((s): s is Subscription => s !== null);
        return listReply(
          rc,
          subs.map((sub) => ({ sub, next: nextFor(sub) })),
          manager,
        );
      }
      case "status": {
        const sub = await store.forChannel(channel);
        return statusReply(rc, sub, sub ? nextFor(sub) : null);
      }
      case "preview": {
        const sub = await store.forChannel(channel);
        const previous = sub?.lastDelivery
          ? await store.manifest(sub.lastDelivery.corpusVersion)
          : null;
        const tz = sub?.tz ?? options.defaultTimeZone;
        return digestAnswer(rc, {
          topic: request.topic ?? sub?.topic ?? undefined,
          previousKeys: previous,
          date: localDate(Date.now(), tz),
        });
      }
    }
  }

  return {
    handle,
    store,
    queue,
    async runSlotNow(id, slot = Date.now()) {
      // BullMQ reserves ":" in custom job ids; the slot stays last so slotOf can read it.
      await queue.add(
        DIGEST_JOB,
        { subscriptionId: id },
        { ...JOB_OPTIONS, jobId: `slot|${id.replaceAll(":", "|")}|${slot}` },
      );
    },
    close: () => queue.close(),
  };
}
