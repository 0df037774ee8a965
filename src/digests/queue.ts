import { Queue } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";

export const DIGEST_QUEUE = "factdesk-digests";
export const DIGEST_JOB = "digest";

/** What a scheduled digest job carries: just which subscription; everything else is read fresh. */
export interface DigestJobData {
  subscriptionId: string;
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
