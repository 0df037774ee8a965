import { DelayedError, type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { CorpusSnapshot } from "../core/snapshot.ts";
import type { Logger } from "../log.ts";
import type { Poster } from "../ports/poster.ts";
import { queueCorrections } from "./corrections.ts";
import { type DeliveryOutcome, digestDelivery } from "./deliver.ts";
import { CORRECT_JOB, DIGEST_QUEUE, type DigestJobData, digestQueue, slotOf } from "./queue.ts";
import { redisDigestStore } from "./redis-store.ts";
import { redisStartedAt } from "./restart.ts";

export interface DigestWorkerOptions {
  connection: Redis;
  prefix: string;
  snapshots: { current(): CorpusSnapshot };
  posters: ReadonlyMap<string, Poster>;
  log: Logger;
  concurrency?: number;
  /** How long a job stays claimed without a heartbeat before another worker takes it over. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Told each job's outcome ("failed" once its attempts are spent): metrics and the audit trail. */
  onOutcome?: (
    outcome: DeliveryOutcome | { kind: "failed" },
    job: { subscriptionId: string; corpusVersion: string },
  ) => void;
  /** How often the worker looks for a new corpus version whose corrections are not yet queued. */
  correctionCheckMs?: number;
}

export interface DigestWorker {
  worker: Worker<DigestJobData, DeliveryOutcome>;
  /** Stops taking jobs, lets the one in hand finish, closes connections. */
  close(): Promise<void>;
}

export function startDigestWorker(options: DigestWorkerOptions): DigestWorker {
  const { connection, prefix, log } = options;
  const store = redisDigestStore(connection, prefix);
  const queue = digestQueue(connection, prefix);
  const { deliver, correct } = digestDelivery({
    snapshots: options.snapshots,
    store,
    posters: options.posters,
    log,
    unschedule: async (id) => {
      await queue.removeJobScheduler(id);
    },
    storeStartedAt: redisStartedAt(connection),
  });

  // BullMQ's lock token is the attempt's fencing token: a worker that stalls past its lock and
  // wakes after another took the job over finds the slot's claim under the other's token.
  async function run(
    job: Job<DigestJobData, DeliveryOutcome>,
    token: string | undefined,
  ): Promise<DeliveryOutcome> {
    const { subscriptionId, seq } = job.data;
    if (job.name === CORRECT_JOB) {
      // A process still on an older version would "correct" backwards: it hands the job on.
      const current = options.snapshots.current().release?.seq ?? 0;
      if (seq !== undefined && current < seq) {
        return { kind: "retry", message: "this process has an older corpus", retryAfterMs: 2_000 };
      }
      return correct(subscriptionId, job.id ?? `${subscriptionId}:correct`, token);
    }
    const slot = slotOf(job);
    // The job id names one logical delivery; BullMQ runs it on one worker at a time.
    return deliver(subscriptionId, slot, job.id ?? `${subscriptionId}:${slot}`, token);
  }

  // Each tick compares the version in hand with the one corrections were last queued for.
  let sweeping: Promise<unknown> = Promise.resolve();
  let swept: string | null = null;
  const sweep = () => {
    const snapshot = options.snapshots.current();
    if (snapshot.corpus.version === swept) return;
    sweeping = queueCorrections({ store, queue }, snapshot).then(
      (queued) => {
        swept = snapshot.corpus.version;
        if (queued > 0) log.info({ queued, version: swept }, "corrections queued");
      },
      (err: unknown) => log.warn({ err: (err as Error).message }, "queueing corrections failed"),
    );
  };
  let ticking = false;
  const ticker = setInterval(() => {
    if (ticking) return;
    ticking = true;
    sweep();
    void sweeping.finally(() => {
      ticking = false;
    });
  }, options.correctionCheckMs ?? 2_000);
  ticker.unref();

  // BullMQ leaves a connection it is given open, so the worker's own is closed here.
  const workerConnection = connection.duplicate();
  const worker = new Worker<DigestJobData, DeliveryOutcome>(
    DIGEST_QUEUE,
    async (job: Job<DigestJobData, DeliveryOutcome>, token?: string) => {
      const outcome = await run(job, token);
      log.info(
        { subscription: job.data.subscriptionId, job: job.name, outcome: outcome.kind },
        "digest job",
      );
      options.onOutcome?.(outcome, {
        subscriptionId: job.data.subscriptionId,
        corpusVersion: options.snapshots.current().corpus.version,
      });
      if (outcome.kind !== "retry") return outcome;
      if (outcome.retryAfterMs !== undefined && token) {
        // The platform said when to come back: wait exactly that, without spending an attempt.
        await job.moveToDelayed(Date.now() + outcome.retryAfterMs, token);
        throw new DelayedError();
      }
      throw new Error(outcome.message);
    },
    {
      connection: workerConnection,
      prefix,
      concurrency: options.concurrency ?? 8,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: 3,
    },
  );
  worker.on("failed", (job, err) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      options.onOutcome?.(
        { kind: "failed" },
        {
          subscriptionId: job.data.subscriptionId,
          corpusVersion: options.snapshots.current().corpus.version,
        },
      );
    }
    log.warn(
      { subscription: job?.data.subscriptionId, attempts: job?.attemptsMade, err: err.message },
      "digest attempt failed",
    );
  });
  worker.on("error", (err) => log.error({ err: err.message }, "digest worker error"));

  return {
    worker,
    async close() {
      clearInterval(ticker);
      await sweeping;
      await worker.close();
      await queue.close();
      await workerConnection.quit();
    },
  };
}
