import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BUNDLED_DATA_DIR } from "../../src/corpus/files.ts";
import { type SnapshotHolder, snapshotHolder } from "../../src/corpus/holder.ts";
import { DIGEST_JOB, digestQueue, redisConnection } from "../../src/digests/queue.ts";
import { corpusCheck, platformCheck, queueStats, redisCheck } from "../../src/health/checks.ts";
import { type HealthServer, startHealthServer } from "../../src/health/server.ts";
import { createMetrics, type Metrics } from "../../src/metrics.ts";
import type { CorpusStore } from "../../src/ports/corpus-store.ts";
import { memoryCorpusStore } from "../../src/ports/memory-corpus-store.ts";
import { connectRedis } from "../../src/redis.ts";
import { openCurrentVersion } from "../../src/store/current.ts";
import { directoryCorpusStore } from "../../src/store/directory-store.ts";
import { freePort } from "../support/redis-server.ts";
import { testCaller, watchedResponder } from "../support/responder.ts";

const quiet = pino({ level: "silent" });
const prefix = `fdhealth-${process.pid}-${Date.now()}`;
let dir = "";
let redis: Redis;
let store: CorpusStore;
let holder: SnapshotHolder;
let metrics: Metrics;
let server: HealthServer;
let slackUp = true;
const closing: Array<() => Promise<unknown>> = [];

const get = async (path: string, port = server.port) => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    text: await response.text(),
  };
};

/** Prometheus text as samples: name, labels, value (comments and blank lines skipped). */
function samples(text: string) {
  return text
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a Prometheus sample: ${line}`);
      const labels = Object.fromEntries(
        [...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
      );
      return { name: m[1] as string, labels, value: Number(m[3]) };
    });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "factdesk-health-"));
  store = directoryCorpusStore(dir);
  const opened = await openCurrentVersion(store, BUNDLED_DATA_DIR);
  if (!opened.ok) throw new Error(opened.error);
  holder = snapshotHolder(opened.value.snapshot);
  const connected = await connectRedis(inject("redisUrl"));
  if (!connected.ok) throw new Error(connected.error.message);
  redis = connected.value;
  metrics = createMetrics("test");
  metrics.watchCorpus(() => holder.current().release?.seq ?? 0);
  const queue = digestQueue(redis, prefix);
  closing.push(() => queue.close());
  metrics.watchQueue(queueStats(queue));
  server = await startHealthServer({
    port: 0,
    host: "127.0.0.1",
    checks: [redisCheck(redis), corpusCheck(store, holder), platformCheck("slack", () => slackUp)],
    registry: metrics.registry,
    log: quiet,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  for (const close of closing) await close();
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("health server", () => {
  it("says it is alive, and ready when Redis, the corpus store and the platform are", async () => {
    expect(await get("/healthz")).toMatchObject({ status: 200, text: '{"status":"ok"}' });
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({
      status: "ready",
      ready: ["redis", "corpus", "slack"],
      notReady: {},
    });
  });

  it("answers 503 naming the platform that is not connected", async () => {
    slackUp = false;
    try {
      const ready = await get("/readyz");
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.text)).toMatchObject({
        status: "not ready",
        notReady: { slack: "not connected" },
      });
    } finally {
      slackUp = true;
    }
  });

  it("answers 503 naming Redis when Redis does not answer (a closed port)", async () => {
    const down = redisConnection(`redis://127.0.0.1:${await freePort()}`, {
      lazyConnect: true,
      retryStrategy: () => null,
    });
    down.on("error", () => {});
    await down.connect().catch(() => {});
    const other = await startHealthServer({
      port: 0,
      host: "127.0.0.1",
      checks: [redisCheck(down), corpusCheck(store, holder)],
      registry: metrics.registry,
      log: quiet,
    });
    try {
      const ready = await get("/readyz", other.port);
      expect(ready.status).toBe(503);
      const body = JSON.parse(ready.text);
      expect(body.ready).toEqual(["corpus"]);
      expect(body.notReady.redis).toMatch(/^connection is (end|close|wait)$/);
    } finally {
      await other.close();
      down.disconnect();
    }
  });

  it("says why Redis is missing when it was not reachable at start-up", async () => {
    expect(await redisCheck(null, "not reachable at start-up").check()).toBe(
      "not reachable at start-up",
    );
  });

  it("says the corpus is not ready when its store cannot be read, or when a follower is behind", async () => {
    // Not the store start-up seeded: nothing is published in it.
    const gone = memoryCorpusStore();
    expect(await corpusCheck(gone, holder).check()).toBe(
      "the corpus store holds no published version",
    );
    const behind = corpusCheck(store, holder, () => "behind the store: v3 published, v2 loaded");
    expect(await behind.check()).toBe("behind the store: v3 published, v2 loaded");
    expect(await corpusCheck(store, holder).check()).toBeNull();
  });

  it("serves metrics in Prometheus text: answers, latency, questions, digests, queue, corpus", async () => {
    const responder = watchedResponder(holder, metrics.answered);
    await responder.answer({ caller: testCaller(), input: { text: "actor iskp" } });
    await responder.answer({ caller: testCaller(), input: { text: "actor nobody-at-all" } });
    await responder.answer({
      caller: testCaller(),
      input: { text: "how many died at crocus city hall" },
    });
    metrics.digestOutcome({ kind: "posted", messageId: "m1", statements: [], corpusVersion: "v1" });
    metrics.digestOutcome({ kind: "retry", message: "429" });
    metrics.digestOutcome({ kind: "failed" });
    metrics.redisReconnected();
    const queue = digestQueue(redis, prefix);
    await queue.add(DIGEST_JOB, { subscriptionId: "test:W1:C1" });
    await queue.add(DIGEST_JOB, { subscriptionId: "test:W1:C2" });
    await queue.close();

    const scraped = await get("/metrics");
    expect(scraped.status).toBe(200);
    expect(scraped.type).toContain("text/plain");
    const all = samples(scraped.text);
    const value = (name: string, labels: Record<string, string> = {}) =>
      all.find(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      )?.value;
    expect(
      value("factdesk_answers_total", {
        command: "actor",
        platform: "test",
        code: "ok",
        process: "test",
      }),
    ).toBe(1);
    expect(value("factdesk_answers_total", { command: "actor", code: "not_found" })).toBe(1);
    expect(value("factdesk_answer_duration_seconds_count", { command: "actor" })).toBe(2);
    expect(value("factdesk_questions_total", { outcome: "understood" })).toBe(1);
    expect(value("factdesk_digest_outcomes_total", { outcome: "posted" })).toBe(1);
    expect(value("factdesk_digest_outcomes_total", { outcome: "retry" })).toBe(1);
    expect(value("factdesk_digest_outcomes_total", { outcome: "failed" })).toBe(1);
    expect(value("factdesk_redis_reconnects_total")).toBe(1);
    expect(value("factdesk_digest_queue_waiting")).toBe(2);
    expect(value("factdesk_digest_queue_oldest_waiting_seconds")).toBeGreaterThanOrEqual(0);
    expect(value("factdesk_corpus_version_seq")).toBe(holder.current().release?.seq);
    expect(value("factdesk_corpus_version_seq")).toBeGreaterThan(0);
    expect(value("factdesk_corpus_reloads_total")).toBe(0);
    expect(value("factdesk_process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("refuses other paths and methods", async () => {
    expect((await get("/")).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${server.port}/readyz`, { method: "POST" });
    expect(post.status).toBe(405);
  });
});
