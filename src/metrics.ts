import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Answered } from "./commands/responder.ts";
import type { DeliveryOutcome } from "./digests/deliver.ts";

/** What the queue gauges read when scraped: jobs waiting, and how long the oldest has waited. */
export interface QueueStats {
  waiting: number;
  oldestWaitingMs: number | null;
}

/**
 * One process's metrics, in their own registry, and the small hooks the edges call: the
 * responder's result, the digest worker's outcomes, Redis and the corpus holder. Nothing in
 * src/core or src/commands imports prom-client; they hand events to these hooks.
 */
export interface Metrics {
  registry: Registry;
  answered(event: Answered): void;
  digestOutcome(outcome: DeliveryOutcome | { kind: "failed" }): void;
  redisReconnected(): void;
  corpusReloaded(): void;
  /** Read at each scrape: the corpus version loaded now. */
  watchCorpus(seq: () => number): void;
  /** Read at each scrape; a failed read leaves the gauges as they were. */
  watchQueue(stats: () => Promise<QueueStats>): void;
}

/** Seconds, from a fast lookup to a slow service call and the five-second command deadline. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(process: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process });
  collectDefaultMetrics({ register: registry, prefix: "factdesk_" });
  const registers = [registry];

  const answers = new Counter({
    name: "factdesk_answers_total",
    help: "Answers given, by command, platform and result code (ok, or the error code)",
    labelNames: ["command", "platform", "code"] as const,
    registers,
  });
  const latency = new Histogram({
    name: "factdesk_answer_duration_seconds",
    help: "Time from a request reaching the responder to its reply, by command and platform",
    labelNames: ["command", "platform"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const questions = new Counter({
    name: "factdesk_questions_total",
    help: "Plain questions, by how they were understood: understood, or the error code",
    labelNames: ["outcome"] as const,
    registers,
  });
  const digests = new Counter({
    name: "factdesk_digest_outcomes_total",
    help: "Digest jobs by outcome: posted, already-posted, skipped, paused, retry, failed (permanently)",
    labelNames: ["outcome"] as const,
    registers,
  });
  const reconnects = new Counter({
    name: "factdesk_redis_reconnects_total",
    help: "Times the Redis connection was lost and reconnecting began",
    registers,
  });
  const reloads = new Counter({
    name: "factdesk_corpus_reloads_total",
    help: "Corpus versions loaded after start-up",
    registers,
  });
  let readSeq: () => number = () => Number.NaN;
  new Gauge({
    name: "factdesk_corpus_version_seq",
    help: "The published version (seq) of the corpus answering now; 0 for an unpublished directory",
    registers,
    collect() {
      this.set(readSeq());
    },
  });
  let readQueue: (() => Promise<QueueStats>) | null = null;
  let last: QueueStats | null = null;
  // Both queue gauges are collected at once in a scrape: they share one read.
  let reading: Promise<void> | null = null;
  const refreshQueue = () => {
    const read = readQueue;
    if (!read) return Promise.resolve();
    reading ??= read()
      .then((stats) => {
        last = stats;
      })
      .catch(() => {})
      .finally(() => {
        reading = null;
      });
    return reading;
  };
  new Gauge({
    name: "factdesk_digest_queue_waiting",
    help: "Digest jobs due and waiting for a worker",
    registers,
    async collect() {
      await refreshQueue();
      if (last) this.set(last.waiting);
    },
  });
  new Gauge({
    name: "factdesk_digest_queue_oldest_waiting_seconds",
    help: "How long the oldest waiting digest job has been due (0 when none waits)",
    registers,
    async collect() {
      await refreshQueue();
      if (last) this.set((last.oldestWaitingMs ?? 0) / 1000);
    },
  });

  return {
    registry,
    answered({ request, reply, question, ms }) {
      const command = reply.command ?? "none";
      const { platform } = request.caller;
      const code = reply.ok ? "ok" : reply.error.code;
      answers.inc({ command, platform, code });
      latency.observe({ command, platform }, ms / 1000);
      if (question) questions.inc({ outcome: reply.understood ? "understood" : code });
    },
    digestOutcome(outcome) {
      digests.inc({ outcome: outcome.kind });
    },
    redisReconnected() {
      reconnects.inc();
    },
    corpusReloaded() {
      reloads.inc();
    },
    watchCorpus(seq) {
      readSeq = seq;
    },
    watchQueue(stats) {
      readQueue = stats;
    },
  };
}
