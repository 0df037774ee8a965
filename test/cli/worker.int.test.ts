import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { redisConnection } from "../../src/digests/queue.ts";
import { digestService, type RedisDigestService } from "../../src/digests/service.ts";
import { subscriptionId } from "../../src/digests/subscription.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import {
  BOT_TOKEN,
  holdNextPost,
  SIGNING_SECRET,
  startFakeSlackApi,
} from "../support/fake-slack.ts";
import type { RecordingServer } from "../support/recording-server.ts";
import { testResponder } from "../support/responder.ts";
import { spawnScript } from "../support/spawned.ts";
import { until } from "../support/until.ts";

const WORKER = new URL("../../src/cli/worker.ts", import.meta.url).pathname;
// The worker's corpus store, seeded from the bundled corpus at its start, never the repo's store/.
const STORE = await mkdtemp(join(tmpdir(), "factdesk-worker-store-"));
afterAll(() => rm(STORE, { recursive: true, force: true }));

describe("npm run worker", () => {
  let snapshot: CorpusSnapshot;
  let redis: Redis;
  let service: RedisDigestService;
  let api: RecordingServer;
  const prefix = `fdtest-${randomUUID()}`;

  beforeAll(async () => {
    snapshot = await bundledSnapshot();
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

  it("on SIGTERM finishes the digest in hand, records it, and exits 0", async () => {
    const channel = { platform: "slack", workspaceId: "T1", channelId: "C-term" };
    const caller = { ...channel, userId: "U1", canManage: async () => true };
    await testResponder(snapshot, service).answer({
      caller,
      input: { text: "digest subscribe daily 08:00" },
    });
    // Slack holds its answer to the post until the test lets it go.
    const release = holdNextPost(api, { channel: "C-term", ts: "1700000002.1" });
    const spawned = spawnScript(WORKER, [], {
      REDIS_URL: inject("redisUrl"),
      CORPUS_STORE: STORE,
      DIGEST_PREFIX: prefix,
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
      // Due now: a job far past its slot would first look in the channel for an earlier post.
      const slot = Date.now();
      await service.runSlotNow(subscriptionId(channel), slot);
      await until(
        () => (api.requestsTo("POST", "/api/chat.postMessage").length > 0 ? true : undefined),
        "the post",
      );
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      expect(child.exitCode).toBeNull();
      release();
      expect(await exited).toBe(0);
      expect(await service.store.slot(subscriptionId(channel), slot)).toEqual({
        state: "posted",
        messageId: "1700000002.1",
      });
      expect(spawned.logs()).toContain("shutting down");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses to start without a platform to post to, saying so", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
      env: { PATH: process.env.PATH ?? "", REDIS_URL: inject("redisUrl") },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr?.on("data", (d) => {
      err += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(err).toContain("No Slack or Discord credentials are set");
  });
});
