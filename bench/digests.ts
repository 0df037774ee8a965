import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { corpusKeys } from "../src/core/answers/digest.ts";
import { openDataDir } from "../src/corpus/open.ts";
import { redisDigestStore } from "../src/digests/redis-store.ts";
import { digestService } from "../src/digests/service.ts";
import { type Subscription, subscriptionId } from "../src/digests/subscription.ts";
import { connectRedis } from "../src/redis.ts";
import type {
  FromWorker,
  PostRecord,
  ToWorker,
  WorkerProcessConfig,
} from "./digest-worker-process.ts";
import { summarise } from "./stats.ts";

// Digest fan-out: N subscriptions due in the same slot, delivered by 2 competing worker
// processes through the production path (startDigestWorker → digestDelivery → Adapter.post) to a
// fake platform, next to bare BullMQ throughput for no-op jobs on the same Redis in the same run.
//
// Why the slot's jobs are enqueued directly rather than fired by 10,000 job schedulers: a cron
// scheduler fires at its next minute boundary (up to a minute of waiting), and what is under test
// is the fan-out once the jobs are due. So the bench saves the Subscription records through the
// store, pauses the queue, queues every subscription's job with service.runSlotNow(id, slot) (the
// production code path: the service's own job id `slot|…|<slot>` and retry/removal options), and
// resumes the queue at the slot time, when all jobs become due at once, as scheduler-made delayed
// jobs do. Workers are started and connected before that, so their start-up is not measured.
// (Not measured, then: the per-job scheduler bookkeeping BullMQ does for scheduler-made jobs.)
//
// Posts are counted across processes: each worker process records [idempotency key, time] for
// every post and streams them to this process over IPC, which finds duplicates and losses. The
// bare BullMQ run (same count, job options, 2 processes and concurrency; a processor that returns
// at once) goes before and after the digests; the faster of the two is the yardstick. Per-job CPU
// (worker processes and redis-server) is reported too: on a shared machine it is steadier than
// throughput. Set BENCH_WORKER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") to pass
// node options to the worker processes.

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WORKER_SCRIPT = fileURLToPath(new URL("./digest-worker-process.ts", import.meta.url));
const NOOP_QUEUE = "factdesk-bench-noop";
const WORKERS = 2;
const BENCH_PLATFORM = "bench";
const PREVIOUS_VERSION = "bench-previous-corpus";
const PHASE_DEADLINE_MS = 45_000;
const CHUNK = 1000;

export interface DigestBenchOptions {
  subscriptions?: number;
  redisUrl?: string;
  /** Jobs each worker process runs at once (default 50). */
  concurrency?: number;
  /** The fake platform call's delay, ms (default 1). */
  postDelayMs?: number;
  /** The digest worker's log level; its log goes to /dev/null (default info, as in production). */
  logLevel?: string;
}

interface WorkerHandle {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<Extract<FromWorker, { type: "done" }>>;
  exited: Promise<void>;
  completed: number;
  failed: number;
}

interface PhaseResult {
  perWorker: Array<{ completed: number; failed: number; cpuMs: number }>;
  firstError: string | null;
  /** CPU time redis-server used from release until the last job finished, ms. */
  redisCpuMs: number;
  posts: PostRecord[];
  firstActive: number | null;
  lastCompleted: number | null;
  releasedAt: number;
  timedOut: boolean;
}

function spawnWorker(config: WorkerProcessConfig, onPosts: (posts: PostRecord[]) => void) {
  const child = fork(WORKER_SCRIPT, [JSON.stringify(config)], {
    cwd: ROOT,
    execArgv: ["--import", "tsx", ...(process.env.BENCH_WORKER_NODE_ARGS?.split(" ") ?? [])],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let readyResolve: () => void = () => {};
  let doneResolve: (m: Extract<FromWorker, { type: "done" }>) => void = () => {};
  let fail: (err: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    fail = reject;
  });
  const done = new Promise<Extract<FromWorker, { type: "done" }>>((resolve, reject) => {
    doneResolve = resolve;
    const previous = fail;
    fail = (err) => {
      previous(err);
      reject(err);
    };
  });
  // Rejections are reported by whoever awaits; don't let an unawaited one crash the process.
  ready.catch(() => {});
  done.catch(() => {});
  const exited = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      fail(new Error(`bench worker ${child.pid} exited (${code ?? signal}) before it finished`));
      resolve();
    });
  });
  const handle: WorkerHandle = { child, ready, done, exited, completed: 0, failed: 0 };
  child.on("message", (message: FromWorker) => {
    if (message.type === "ready") readyResolve();
    else {
      handle.completed = message.completed;
      handle.failed = message.failed;
      onPosts(message.posts);
      if (message.type === "done") doneResolve(message);
    }
  });
  return handle;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rejects if `promise` has not settled within `ms`: a wedged worker must not hang the bench. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`digest bench: ${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Starts the workers against a paused queue, queues the jobs, resumes at `releaseAt` (or as soon
 * as queuing is done, if later), waits until `finished()` or the deadline, then stops the workers
 * and gathers what they recorded.
 */
async function runPhase(options: {
  redis: Redis;
  config: Omit<WorkerProcessConfig, "mode">;
  mode: WorkerProcessConfig["mode"];
  queue: Queue;
  enqueue: () => Promise<void>;
  releaseAt: () => number;
  finished: (completed: number, distinctPosts: number) => boolean;
  graceMs: number;
}): Promise<PhaseResult> {
  const posts: PostRecord[] = [];
  const distinct = new Set<string>();
  const onPosts = (batch: PostRecord[]) => {
    for (const p of batch) {
      posts.push(p);
      distinct.add(p[0]);
    }
  };
  await options.queue.pause();
  const workers = Array.from({ length: WORKERS }, () =>
    spawnWorker({ ...options.config, mode: options.mode }, onPosts),
  );
  try {
    await within(Promise.all(workers.map((w) => w.ready)), 30_000, "worker start-up");
    await options.enqueue();
    const wait = options.releaseAt() - Date.now();
    if (wait > 0) await sleep(wait);
    const releasedAt = Date.now();
    const redisCpuBefore = await redisCpuMs(options.redis);
    await options.queue.resume();
    const deadline = Date.now() + PHASE_DEADLINE_MS;
    let timedOut = false;
    for (;;) {
      const completed = workers.reduce((sum, w) => sum + w.completed, 0);
      if (options.finished(completed, distinct.size)) break;
      if (Date.now() > deadline) {
        timedOut = true;
        break;
      }
      await sleep(25);
    }
    const redisCpu = (await redisCpuMs(options.redis)) - redisCpuBefore;
    // Late duplicates (a second delivery of a slot) would show up here.
    await sleep(options.graceMs);
    for (const w of workers) w.child.send({ type: "stop" } satisfies ToWorker);
    const done = await within(Promise.all(workers.map((w) => w.done)), 30_000, "worker shutdown");
    await within(Promise.all(workers.map((w) => w.exited)), 10_000, "worker exit");
    const starts = done.flatMap((d) => (d.firstActive === null ? [] : [d.firstActive]));
    const ends = done.flatMap((d) => (d.lastCompleted === null ? [] : [d.lastCompleted]));
    return {
      perWorker: done.map((d) => ({ completed: d.completed, failed: d.failed, cpuMs: d.cpuMs })),
      firstError: done.find((d) => d.firstError !== null)?.firstError ?? null,
      redisCpuMs: redisCpu,
      posts,
      firstActive: starts.length > 0 ? Math.min(...starts) : null,
      lastCompleted: ends.length > 0 ? Math.max(...ends) : null,
      releasedAt,
      timedOut,
    };
  } finally {
    for (const w of workers)
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill();
  }
}

/** redis-server's own CPU time so far (user + system), from INFO, so it works for a remote Redis. */
async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info("cpu");
  const field = (name: string) =>
    Number(new RegExp(`^${name}:([\\d.]+)`, "m").exec(info)?.[1] ?? 0);
  return (field("used_cpu_user") + field("used_cpu_sys")) * 1000;
}

async function inChunks<T>(items: readonly T[], each: (chunk: readonly T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await each(items.slice(i, i + CHUNK));
}

async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== "0");
  return deleted;
}

const TIME_ZONES = ["UTC", "Europe/Berlin", "Asia/Dushanbe", "America/New_York", "Asia/Kolkata"];
const TOPICS = ["iskp", "tajik migrants", null, null];

/** A mix like a real newsroom install: several zones, some topics, most digested before. */
function subscriptions(n: number, now: number): Subscription[] {
  const created = new Date(now - 30 * 86_400_000).toISOString();
  return Array.from({ length: n }, (_, i) => {
    const channel = {
      platform: BENCH_PLATFORM,
      workspaceId: `W${String(i % 100).padStart(3, "0")}`,
      channelId: `C${String(i).padStart(6, "0")}`,
    };
    return {
      id: subscriptionId(channel),
      ...channel,
      cron: "0 8 * * *",
      label: "daily 08:00",
      tz: TIME_ZONES[i % TIME_ZONES.length] as string,
      topic: TOPICS[i % TOPICS.length] ?? null,
      createdBy: `U${i}`,
      createdAt: created,
      updatedAt: created,
      paused: null,
      // One in five gets its first digest; the rest were last digested against an older corpus.
      lastDelivery:
        i % 5 === 4
          ? null
          : {
              at: new Date(now - 86_400_000).toISOString(),
              slot: now - 86_400_000,
              messageId: `prev-${i}`,
              corpusVersion: PREVIOUS_VERSION,
              shown: {},
            },
      lastError: null,
    };
  });
}

const perSecond = (count: number, from: number | null, to: number | null) =>
  from !== null && to !== null && to > from ? Math.round((count * 1000) / (to - from)) : 0;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

export async function benchDigests(
  options: DigestBenchOptions = {},
): Promise<Record<string, number | string>> {
  const started = Date.now();
  const n = options.subscriptions ?? 10_000;
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const concurrency = options.concurrency ?? 50;
  const prefix = `fdbench-${randomUUID()}`;
  const opened = await openDataDir();
  if (!opened.ok) throw new Error(`bundled corpus invalid: ${opened.error[0]?.message}`);
  const snapshot = opened.value;
  const connected = await connectRedis(redisUrl);
  if (!connected.ok) throw new Error(`The digest bench needs Redis: ${connected.error.message}.`);
  const redis = connected.value;
  const service = digestService({ connection: redis, prefix });
  const noopQueue = new Queue(NOOP_QUEUE, { connection: redis, prefix });
  const config = {
    redisUrl,
    prefix,
    platform: BENCH_PLATFORM,
    queue: NOOP_QUEUE,
    concurrency,
    postDelayMs: options.postDelayMs ?? 1,
    logLevel: options.logLevel ?? "info",
  };
  try {
    // Subscriptions and the corpus manifest their last digest was built from (a few records
    // short of the current corpus, so every digest has something new to report).
    const subs = subscriptions(n, Date.now());
    const store = redisDigestStore(redis, prefix);
    const keys = corpusKeys(snapshot);
    await store.saveManifest(PREVIOUS_VERSION, keys.slice(0, Math.max(1, keys.length - 5)));
    await inChunks(subs, (chunk) => Promise.all(chunk.map((s) => store.save(s))));

    // The service's job options (retries, removal), read back from a job it queued, so the bare
    // jobs carry exactly the same ones.
    await service.runSlotNow("bench-probe", 1_000_000_000_000);
    const probe = await service.queue.getJob("slot|bench-probe|1000000000000");
    const { jobId: _jobId, ...jobOptions }: JobsOptions = probe?.opts ?? {};
    await probe?.remove();

    // Bare BullMQ: the same count, workers and options, a processor that returns at once. Run
    // before and after the digests, since a shared machine's load drifts.
    const bare = (run: number) =>
      runPhase({
        redis,
        config,
        mode: "noop",
        queue: noopQueue,
        async enqueue() {
          await inChunks(subs, (chunk) =>
            noopQueue.addBulk(
              chunk.map((s) => ({
                name: "noop",
                data: { subscriptionId: s.id },
                opts: { ...jobOptions, jobId: `noop${run}|${s.id.replaceAll(":", "|")}` },
              })),
            ),
          );
        },
        releaseAt: () => 0,
        finished: (completed) => completed >= n,
        graceMs: 0,
      });
    const bareBefore = await bare(1);

    // Digest fan-out.
    let enqueueMs = 0;
    let slotAt = 0;
    const digest = await runPhase({
      redis,
      config,
      mode: "digest",
      queue: service.queue,
      async enqueue() {
        // The slot is a little ahead, so that every job is queued before it is due.
        slotAt = Math.ceil((Date.now() + 1_000 + n * 0.2) / 1000) * 1000;
        const t0 = Date.now();
        await inChunks(subs, (chunk) =>
          Promise.all(chunk.map((s) => service.runSlotNow(s.id, slotAt))),
        );
        enqueueMs = Date.now() - t0;
      },
      releaseAt: () => slotAt,
      finished: (completed, distinctPosts) => completed >= n && distinctPosts >= n,
      graceMs: 500,
    });

    const bareAfter = await bare(2);

    // Every subscription should have exactly one post with key `${id}:${slot}`.
    const expected = new Set(subs.map((s) => `${s.id}:${slotAt}`));
    const firstPost = new Map<string, number>();
    for (const [key, at] of digest.posts) {
      const seen = firstPost.get(key);
      if (seen === undefined || at < seen) firstPost.set(key, at);
    }
    const duplicates = digest.posts.length - firstPost.size;
    const unexpected = [...firstPost.keys()].filter((k) => !expected.has(k)).length;
    const losses = [...expected].filter((k) => !firstPost.has(k)).length;
    const latency = summarise([...firstPost.values()].map((at) => at - slotAt));
    const lastPost = digest.posts.reduce<number | null>((m, p) => Math.max(m ?? p[1], p[1]), null);

    let slotRecordsPosted = 0;
    await inChunks(subs, async (chunk) => {
      const raws = await redis.mget(chunk.map((s) => `${prefix}:slot:${s.id}:${slotAt}`));
      for (const raw of raws) if (raw?.includes('"state":"posted"')) slotRecordsPosted++;
    });

    const completed = (phase: PhaseResult) =>
      phase.perWorker.reduce((sum, w) => sum + w.completed, 0);
    /** CPU per finished job, µs: both worker processes together, and redis-server. */
    const perJob = (phase: PhaseResult) => {
      const jobs = Math.max(1, completed(phase));
      const workerCpu = phase.perWorker.reduce((sum, w) => sum + w.cpuMs, 0);
      return `workers ${Math.round((workerCpu * 1000) / jobs)} µs, redis ${Math.round((phase.redisCpuMs * 1000) / jobs)} µs`;
    };
    const digestsPerSec = perSecond(firstPost.size, digest.firstActive, lastPost);
    const bareRates = [bareBefore, bareAfter].map((b) =>
      perSecond(completed(b), b.firstActive, b.lastCompleted),
    );
    // The faster bare run is the yardstick: the ratio errs against the digests.
    const bareJobsPerSec = Math.max(...bareRates);
    const noop = bareRates[0] === bareJobsPerSec ? bareBefore : bareAfter;
    const timedOut = [
      digest.timedOut && "digest",
      bareBefore.timedOut && "bare before",
      bareAfter.timedOut && "bare after",
    ];
    return {
      subscriptions: n,
      cpus: availableParallelism(),
      workers: `${WORKERS} processes × concurrency ${concurrency}`,
      enqueue: `runSlotNow on a paused queue, ${enqueueMs} ms; released at the slot`,
      digestsPerSec,
      digestP50Ms: round(latency.p50),
      digestP99Ms: round(latency.p99),
      digestMaxMs: round(latency.max),
      releaseLagMs: digest.releasedAt - slotAt,
      duplicates,
      losses,
      unexpectedPosts: unexpected,
      slotRecordsPosted,
      failedAttempts: digest.perWorker.reduce((sum, w) => sum + w.failed, 0),
      ...(digest.firstError ? { firstFailure: digest.firstError } : {}),
      digestJobsPerWorker: digest.perWorker.map((w) => w.completed).join(" / "),
      digestCpuPerJob: perJob(digest),
      bareJobsPerSec,
      bareRunsPerSec: `${bareRates.join(" before / ")} after`,
      bareJobsPerWorker: noop.perWorker.map((w) => w.completed).join(" / "),
      bareCpuPerJob: perJob(noop),
      ratio: bareJobsPerSec > 0 ? round(digestsPerSec / bareJobsPerSec, 2) : 0,
      timedOut: timedOut.filter(Boolean).join(", ") || "no",
      runtimeS: round((Date.now() - started) / 1000),
    };
  } finally {
    await service.close();
    await noopQueue.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(await benchDigests({ subscriptions: n }));
}
