import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BUNDLED_DATA_DIR, readCorpusFiles } from "../../src/corpus/files.ts";
import { openStoredVersion } from "../../src/corpus/open.ts";
import { redisConnection } from "../../src/digests/queue.ts";
import { digestService, type RedisDigestService } from "../../src/digests/service.ts";
import { subscriptionId } from "../../src/digests/subscription.ts";
import { nextRun } from "../../src/digests/time.ts";
import { directoryCorpusStore } from "../../src/store/directory-store.ts";
import { prepareDraft } from "../../src/store/draft.ts";
import {
  apiCallOf,
  responseOf,
  sendSigned,
  slashCommandBody,
  startFakeSlackApi,
  testEnv,
} from "../support/fake-slack.ts";
import type { RecordingServer } from "../support/recording-server.ts";
import { testResponder } from "../support/responder.ts";
import { until } from "../support/until.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const SPAWNS = 240_000;

/** A long-running process of ours, its stderr (pino's JSON lines) kept for the test to read. */
interface Running {
  child: ChildProcess;
  logs: () => Array<Record<string, unknown>>;
}

function startProcess(script: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let text = "";
  child.stderr?.on("data", (d) => {
    text += String(d);
  });
  const logs = () =>
    text
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { child, logs };
}

function publishCli(dir: string, store: string, note: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli/corpus-publish.ts", dir, "--note", note],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? "", CORPUS_STORE: store } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The version an answer names in its footer ("corpus v2 · published …"), or null. */
const versionIn = (message: unknown) => {
  const match = /corpus v(\d+) ·/.exec(JSON.stringify(message));
  return match ? Number(match[1]) : null;
};

describe("a running bot and worker follow the directory store", () => {
  let dir: string;
  let store: string;
  let api: RecordingServer;
  let redis: Redis;
  let service: RedisDigestService;
  let bot: Running;
  let worker: Running;
  let events: string;
  let asked = 0;
  const prefix = `fdtest-${randomUUID()}`;

  /** Sends a signed /factdesk to the bot process and returns what came back. */
  async function slash(text: string) {
    asked += 1;
    const path = `/respond/${asked}`;
    api.route("POST", path, { body: "ok" });
    const ack = await sendSigned(events, slashCommandBody(text, `${api.url}${path}`));
    expect(ack.status).toBe(200);
    return responseOf(await api.waitFor("POST", path));
  }

  const swapsTo = (running: Running, seq: number) =>
    running.logs().find((l) => l.msg === "corpus version swapped in" && l.seq === seq);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "factdesk-follow-"));
    store = join(dir, "store");
    const prepared = prepareDraft(await readCorpusFiles());
    if (!prepared.ok) throw new Error("bundled corpus is invalid");
    await directoryCorpusStore(store).publish(prepared.value.draft, {
      parent: null,
      by: "test",
      note: "first",
    });
    api = await startFakeSlackApi();
    redis = redisConnection(inject("redisUrl"));
    service = digestService({ connection: redis, prefix });
    const env = {
      ...testEnv(api),
      CORPUS_STORE: store,
      REDIS_URL: inject("redisUrl"),
      DIGEST_PREFIX: prefix,
      DIGEST_WORKER: "off",
    };
    bot = startProcess("src/main.ts", ["bot"], env);
    worker = startProcess("src/cli/worker.ts", [], env);
    const started = await until(
      () => bot.logs().find((l) => l.msg === "slack adapter started"),
      "the bot",
      SPAWNS / 2,
    );
    events = `http://127.0.0.1:${started.port}/slack/events`;
    await until(
      () => worker.logs().find((l) => l.msg === "digest worker started"),
      "the worker",
      SPAWNS / 2,
    );
  }, SPAWNS);

  afterAll(async () => {
    for (const running of [bot, worker]) {
      if (running?.child.exitCode === null) {
        const exited = new Promise((r) => running.child.once("exit", r));
        running.child.kill("SIGTERM");
        await exited;
      }
    }
    await api?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await service?.close();
    redis?.disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    "answers from a newly published version with no restart and no failed answer during the swap",
    async () => {
      expect(versionIn(await slash("figure crocus death toll"))).toBe(1);
      const edit = join(dir, "edit");
      await cp(BUNDLED_DATA_DIR, edit, { recursive: true });
      const attacks = join(edit, "attacks.json");
      const records = JSON.parse(await readFile(attacks, "utf8")) as Array<{ summary: string }>;
      (records[0] as { summary: string }).summary = "Revised by the desk.";
      await writeFile(attacks, JSON.stringify(records, null, 2));

      // A client keeps asking while the version is published and picked up.
      const seen: Array<number | null> = [];
      let asking = true;
      const client = (async () => {
        while (asking) seen.push(versionIn(await slash("figure crocus death toll")));
      })();
      const published = await publishCli(edit, store, "revised summary");
      expect(published.code).toBe(0);
      await until(() => (seen.includes(2) ? true : undefined), "an answer from v2", SPAWNS / 2);
      // A few more after the first, to see it stays on the new version.
      const after = seen.length + 3;
      await until(() => (seen.length >= after ? true : undefined), "answers after the swap");
      asking = false;
      await client;

      expect(seen.every((v) => v === 1 || v === 2)).toBe(true);
      const first = seen.indexOf(2);
      expect(seen.slice(first).every((v) => v === 2)).toBe(true);
      expect(bot.child.exitCode).toBeNull();
      expect(swapsTo(bot, 2)).toMatchObject({ hash: expect.stringMatching(/^[a-f0-9]{12}$/) });
      expect(bot.logs().filter((l) => Number(l.level) >= 50)).toEqual([]);

      // The worker followed too: the digest it posts is built from v2.
      await until(() => swapsTo(worker, 2), "the worker's swap");
      const current = await directoryCorpusStore(store).current();
      if (!current.ok || !current.value) throw new Error("no current version");
      const opened = openStoredVersion(current.value);
      if (!opened.ok) throw new Error(opened.error.message);
      const channel = { platform: "slack", workspaceId: "T1", channelId: "C-follow" };
      await testResponder(opened.value.snapshot, service).answer({
        caller: { ...channel, userId: "U1", canManage: async () => true },
        input: { text: "digest subscribe daily 08:00" },
      });
      // The schedule's next run, not a fixed day: a slot long past would be doubted as late and
      // looked for in the channel's history first, which this fake Slack does not keep.
      await service.runSlotNow(subscriptionId(channel), nextRun("0 8 * * *", "UTC", Date.now()));
      const post = await until(
        () =>
          api
            .requestsTo("POST", "/api/chat.postMessage")
            .find((r) => apiCallOf(r).channel === "C-follow"),
        "the digest",
      );
      expect(versionIn(apiCallOf(post))).toBe(2);
    },
    SPAWNS,
  );

  it(
    "keeps serving its version when a publish with an altered quote is refused",
    async () => {
      const edit = join(dir, "altered");
      await cp(BUNDLED_DATA_DIR, edit, { recursive: true });
      const figures = join(edit, "figures.json");
      await writeFile(
        figures,
        (await readFile(figures, "utf8")).replace("of 137 people", "of 731 people"),
      );
      const refused = await publishCli(edit, store, "altered quote");
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("[corpus.quote_not_found]");
      // Longer than the store's 1 s poll: nothing new was published, so nothing is loaded.
      await new Promise((r) => setTimeout(r, 2500));
      expect(versionIn(await slash("figure crocus death toll"))).toBe(2);
      expect(swapsTo(bot, 3)).toBeUndefined();
      expect(bot.child.exitCode).toBeNull();
    },
    SPAWNS,
  );
});
