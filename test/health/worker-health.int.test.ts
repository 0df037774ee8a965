import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { redisConnection } from "../../src/digests/queue.ts";
import { digestService, type RedisDigestService } from "../../src/digests/service.ts";
import { subscriptionId } from "../../src/digests/subscription.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { BOT_TOKEN, SIGNING_SECRET, startFakeSlackApi } from "../support/fake-slack.ts";
import type { RecordingServer } from "../support/recording-server.ts";
import { freePort } from "../support/redis-server.ts";
import { testResponder } from "../support/responder.ts";
import { spawnScript } from "../support/spawned.ts";
import { until } from "../support/until.ts";

const WORKER = new URL("../../src/cli/worker.ts", import.meta.url).pathname;
const STORE = await mkdtemp(join(tmpdir(), "factdesk-ops-store-"));
afterAll(() => rm(STORE, { recursive: true, force: true }));

describe("npm run worker with HEALTH_PORT", () => {
  let redis: Redis;
  let service: RedisDigestService;
  let api: RecordingServer;
  const prefix = `fdops-${randomUUID()}`;

  beforeAll(async () => {
    redis = redisConnection(inject("redisUrl"));
    service = digestService({ connection: redis, prefix });
    api = await startFakeSlackApi();
  });
  afterAll(async () => {
    await api.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await service.close();
    redis.disconnect();
  });

  it("logs one JSON line per part, serves health, readiness and metrics, and audits its post", async () => {
    const port = await freePort();
    const spawned = spawnScript(WORKER, [], {
      REDIS_URL: inject("redisUrl"),
      CORPUS_STORE: STORE,
      DIGEST_PREFIX: prefix,
      HEALTH_PORT: String(port),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${api.url}/api/`,
    });
    const { child, exited } = spawned;
    try {
      await until(
        () => (spawned.logs().includes("digest worker started") ? true : undefined),
        "the worker",
      );
      // Not a terminal: one JSON object a line, each part of start-up named once.
      const lines = spawned
        .logs()
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const messages = lines.map((l) => l.msg);
      for (const part of ["corpus", "audit trail", "digest worker started"]) {
        expect(messages).toContain(part);
      }
      expect(messages.some((m: string) => m.startsWith("health server listening"))).toBe(true);
      expect(lines.find((l) => l.msg === "corpus")).toMatchObject({ seq: 1 });

      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ready: ["startup", "corpus", "redis"],
        notReady: {},
      });

      const snapshot = await bundledSnapshot();
      const channel = { platform: "slack", workspaceId: "T1", channelId: "C-ops" };
      await testResponder(snapshot, service).answer({
        caller: { ...channel, userId: "U1", canManage: async () => true },
        input: { text: "digest subscribe daily 08:00" },
      });
      // A slot due now: a late one would first look for the slot's marker in the channel's history.
      await service.runSlotNow(subscriptionId(channel), Date.now());
      const posted = async () => {
        const text = await (await fetch(`${base}/metrics`)).text();
        return /factdesk_digest_outcomes_total\{outcome="posted",process="worker"\} 1/.test(text)
          ? text
          : undefined;
      };
      const metrics = await until(posted, "the posted digest in /metrics");
      expect(metrics).toMatch(/factdesk_corpus_version_seq\{process="worker"\} 1/);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const dir = join(STORE, "audit");
      const trail = (
        await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), "utf8")))
      ).join("");
      const entry = JSON.parse(trail.trim());
      expect(entry).toMatchObject({
        kind: "digest",
        platform: "slack",
        workspace: "T1",
        channel: "C-ops",
        code: "ok",
        corpusVersion: snapshot.corpus.version,
      });
      // A first digest shows the conflicting figures' values: the entry names each one.
      const shown = snapshot.corpus.figures
        .filter((g) => snapshot.judgementOf(g).verdict === "conflict")
        .flatMap((g) => g.values.map((v) => v.id));
      expect([...entry.statements].sort()).toEqual(shown.sort());
      expect(spawned.logs() + trail).not.toContain(BOT_TOKEN);
      expect(spawned.logs() + trail).not.toContain(SIGNING_SECRET);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 120_000);
});
