import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { DigestService } from "../ports/digest-service.ts";
import type { DigestStore } from "../ports/digest-store.ts";
import { DIGEST_JOB, type DigestJobData, digestQueue, JOB_OPTIONS } from "./queue.ts";
import { redisDigestStore } from "./redis-store.ts";

/** Digests on Redis: subscriptions in the store, one BullMQ job scheduler per channel. */
export interface RedisDigestService extends DigestService {
  /** Queues the digest for one slot now (ops and tests); the slot defaults to the current time. */
  runSlotNow(subscriptionId: string, slot?: number): Promise<void>;
  store: DigestStore;
  queue: Queue<DigestJobData>;
  close(): Promise<void>;
}

export function digestService(options: { connection: Redis; prefix: string }): RedisDigestService {
  const store = redisDigestStore(options.connection, options.prefix);
  const queue = digestQueue(options.connection, options.prefix);
  return {
    store,
    queue,
    forChannel: (channel) => store.forChannel(channel),
    inWorkspace: (platform, workspaceId) => store.inWorkspace(platform, workspaceId),
    manifest: (version) => store.manifest(version),
    recordShare: (channel, messageId, shown) => store.recordShare(channel, messageId, shown),
    async subscribe(sub) {
      await store.save(sub);
      await queue.upsertJobScheduler(
        sub.id,
        { pattern: sub.cron, tz: sub.tz },
        { name: DIGEST_JOB, data: { subscriptionId: sub.id }, opts: JOB_OPTIONS },
      );
    },
    async unsubscribe(sub) {
      await queue.removeJobScheduler(sub.id);
      await store.remove(sub);
    },
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
