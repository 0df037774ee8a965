import { Queue } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";

export const DIGEST_QUEUE = "factdesk-digests";
export const DIGEST_JOB = "digest";
/** A job that replies to what a channel was shown and a new corpus version changed. */
export const CORRECT_JOB = "correct";

/** Retries for transient failures: 8 attempts, 5 s doubling (about 10 minutes in all). */
export const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential" as const, delay: 5_000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 1000 },
};

/**
 * What a job carries: just which subscription; everything else is read fresh. A correction job
 * also names the corpus sequence it was queued for, so a process still on an older one waits.
 */
export interface DigestJobData {
  subscriptionId: string;
  seq?: number;
}

/** BullMQ's blocking commands need connections that retry forever rather than fail a request. */
export function redisConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}

export function digestQueue(connection: Redis, prefix: string): Queue<DigestJobData> {
  return new Queue<DigestJobData>(DIGEST_QUEUE, { connection, prefix });
}

/** A slot is the scheduled time a job was made for; scheduler and run-now job ids end in it. */
export function slotOf(job: {
  id?: string;
  timestamp: number;
  delay?: number;
  opts: { delay?: number };
}): number {
  const fromId = /[:|](\d{10,})$/.exec(job.id ?? "")?.[1];
  return fromId ? Number(fromId) : job.timestamp + (job.opts.delay ?? job.delay ?? 0);
}
