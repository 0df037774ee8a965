import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { CorpusSnapshot } from "../core/snapshot.ts";
import { slotOf } from "../digests/queue.ts";
import type { QueueStats } from "../metrics.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { ReadinessCheck } from "./server.ts";

/** Redis answers a PING; `absent` says why there is no connection at all (it failed at start). */
export function redisCheck(
  /** The connection, or how to read it when it may come later (Redis down at start). */
  connection: Redis | null | (() => Redis | null),
  absent = "not connected",
): ReadinessCheck {
  return {
    name: "redis",
    async check() {
      const redis = typeof connection === "function" ? connection() : connection;
      if (!redis) return absent;
      if (redis.status !== "ready") return `connection is ${redis.status}`;
      return (await redis.ping()) === "PONG" ? null : "did not answer PING";
    },
  };
}

/**
 * The corpus store answers and a version is loaded. `behind` is where a follower of the store
 * plugs in: it says why the loaded version is not the store's current one, or null when it is.
 */
export function corpusCheck(
  store: CorpusStore,
  snapshots: { current(): CorpusSnapshot },
  behind: () => string | null = () => null,
): ReadinessCheck {
  return {
    name: "corpus",
    async check() {
      const listed = await store.log().catch(() => ({ ok: false as const }));
      if (!listed.ok) return "the corpus store did not answer";
      // Start-up seeds an empty store, so a store with nothing in it is not the one started on.
      if (listed.value.length === 0) return "the corpus store holds no published version";
      if (snapshots.current().release === null) return "no published version loaded";
      return behind();
    },
  };
}

/** A platform connection reports itself connected. */
export function platformCheck(name: string, connected: () => boolean): ReadinessCheck {
  return { name, check: () => (connected() ? null : "not connected") };
}

/** The digest queue's depth and its oldest waiting job, for the queue gauges. */
export function queueStats(queue: Queue, now: () => number = Date.now): () => Promise<QueueStats> {
  return async () => {
    const counts = await queue.getJobCounts("waiting", "prioritized");
    const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
    const [oldest] = await queue.getJobs(["waiting"], 0, 0, true);
    const due = oldest ? slotOf(oldest) : null;
    return { waiting, oldestWaitingMs: due === null ? null : Math.max(0, now() - due) };
  };
}
