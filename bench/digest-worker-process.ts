import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "bullmq";
import { pino } from "pino";
import { ok } from "../src/core/result.ts";
import { openDataDir } from "../src/corpus/open.ts";
import { redisConnection } from "../src/digests/queue.ts";
import { startDigestWorker } from "../src/digests/worker.ts";
import type { Poster } from "../src/ports/poster.ts";

// One competing worker process for bench/digests.ts, forked with IPC (`node --import tsx`).
// "digest": the production digest worker (startDigestWorker) posting to a fake platform that
// records every post and reports it to the parent. "noop": a bare BullMQ worker with the same
// connection, concurrency and lock settings whose processor returns at once.

export interface WorkerProcessConfig {
  mode: "digest" | "noop";
  /** The fake platform's name (the subscriptions' platform). */
  platform: string;
  redisUrl: string;
  prefix: string;
  /** Queue name for "noop" (digest mode always uses the production queue). */
  queue: string;
  concurrency: number;
  /** The fake platform call's delay. */
  postDelayMs: number;
  /** pino level for the digest worker's log, written to /dev/null (production default: info). */
  logLevel: string;
}

/** [idempotency key, when the post landed (ms since epoch)] */
export type PostRecord = [string, number];

export type FromWorker =
  | { type: "ready"; pid: number }
  | { type: "progress"; completed: number; failed: number; posts: PostRecord[] }
  | {
      type: "done";
      completed: number;
      failed: number;
      posts: PostRecord[];
      firstActive: number | null;
      lastCompleted: number | null;
      /** CPU time this process used between "ready" and "stop", ms. */
      cpuMs: number;
      /** Why the first failed attempt failed, if one did. */
      firstError: string | null;
    };

export type ToWorker = { type: "stop" };

const config = JSON.parse(process.argv[2] ?? "{}") as WorkerProcessConfig;
const send = (message: FromWorker) => process.send?.(message);

let completed = 0;
let failed = 0;
let firstActive: number | null = null;
let lastCompleted: number | null = null;
let posted = 0;
let firstError: string | null = null;
let cpuAtReady = process.cpuUsage();
let posts: PostRecord[] = [];
const take = () => {
  const out = posts;
  posts = [];
  return out;
};

/** A platform that accepts everything after a tiny delay and records what it was sent. */
const fakePoster: Poster = {
  platform: config.platform,
  // No rendering: what a platform's renderer and HTTP client cost is not the fan-out's.
  async post(_channel, _reply, options) {
    await sleep(config.postDelayMs);
    posts.push([options?.idempotencyKey ?? "", Date.now()]);
    posted++;
    return ok({ messageId: `${process.pid}.${posted}` });
  },
};

const connection = redisConnection(config.redisUrl);
let worker: Worker;
let close: () => Promise<void>;
if (config.mode === "digest") {
  const opened = await openDataDir();
  if (!opened.ok) throw new Error(`corpus invalid: ${opened.error[0]?.message}`);
  const log = pino({ name: "factdesk", level: config.logLevel }, pino.destination("/dev/null"));
  const digests = startDigestWorker({
    connection,
    prefix: config.prefix,
    snapshots: { current: () => opened.value },
    posters: new Map([[config.platform, fakePoster]]),
    log,
    concurrency: config.concurrency,
  });
  worker = digests.worker;
  close = () => digests.close();
} else {
  // The same options startDigestWorker passes, on its own blocking connection.
  worker = new Worker(config.queue, async () => undefined, {
    connection: connection.duplicate(),
    prefix: config.prefix,
    concurrency: config.concurrency,
    lockDuration: 30_000,
    stalledInterval: 30_000,
    maxStalledCount: 3,
  });
  close = () => worker.close();
}

worker.on("active", () => {
  firstActive ??= Date.now();
});
worker.on("completed", () => {
  completed++;
  lastCompleted = Date.now();
});
worker.on("failed", (_job, err) => {
  failed++;
  firstError ??= err.message;
});
worker.on("error", (err) => console.error(`bench worker ${process.pid}: ${err.message}`));

const progress = setInterval(() => {
  send({ type: "progress", completed, failed, posts: take() });
}, 100);

process.on("message", async (message: ToWorker) => {
  if (message.type !== "stop") return;
  clearInterval(progress);
  const cpu = process.cpuUsage(cpuAtReady);
  await close();
  await connection.quit();
  send({
    type: "done",
    completed,
    failed,
    posts: take(),
    firstActive,
    lastCompleted,
    cpuMs: (cpu.user + cpu.system) / 1000,
    firstError,
  });
  process.disconnect?.();
});
process.on("disconnect", () => {
  // The parent went away: nothing left to report to.
  setTimeout(() => process.exit(0), 2000).unref();
});

await worker.waitUntilReady();
cpuAtReady = process.cpuUsage();
send({ type: "ready", pid: process.pid });
