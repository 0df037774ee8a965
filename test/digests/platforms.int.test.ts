import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, stat, truncate } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Adapter } from "../../src/adapters/adapter.ts";
import { discordAdapter } from "../../src/adapters/discord/adapter.ts";
import { createRest } from "../../src/adapters/discord/client.ts";
import type { RunningSlack } from "../../src/adapters/slack/start.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { digestDelivery } from "../../src/digests/deliver.ts";
import { DIGEST_JOB, redisConnection } from "../../src/digests/queue.ts";
import { redisDigestStore } from "../../src/digests/redis-store.ts";
import { redisStartedAt } from "../../src/digests/restart.ts";
import { digestService, type RedisDigestService } from "../../src/digests/service.ts";
import { subscriptionId } from "../../src/digests/subscription.ts";
import { startDigestWorker } from "../../src/digests/worker.ts";
import { subscription } from "../ports/digest-store.contract.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { serveChannels } from "../support/discord-channels.ts";
import { CHANNEL_ID, digestInput, GUILD_ID, MANAGE_CHANNELS } from "../support/discord-payloads.ts";
import { apiPath, type FakeDiscord, startFakeDiscord } from "../support/fake-discord.ts";
import {
  apiCallOf,
  BOT_TOKEN,
  holdNextPost,
  responseOf,
  sendSigned,
  slashCommandBody,
  startFakeSlackApi,
  startTestSlack,
  testEnv,
  testSlackAdapter,
} from "../support/fake-slack.ts";
import { type RecordingServer, startRecordingServer } from "../support/recording-server.ts";
import { startThrowawayRedis } from "../support/redis-server.ts";
import { testResponder } from "../support/responder.ts";
import { until } from "../support/until.ts";

const WORKER = new URL("./worker-process.ts", import.meta.url).pathname;
const quiet = pino({ level: process.env.TEST_LOG ?? "silent" });

const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

/** A slash command from `user` in channel C1 of team T1, as Slack posts it. */
function slashAs(user: string, text: string, responseUrl: string): string {
  const body = new URLSearchParams(slashCommandBody(text, responseUrl));
  body.set("user_id", user);
  return body.toString();
}

describe("digests through the real Slack and Discord adapters", () => {
  let snapshot: CorpusSnapshot;
  let redis: Redis;
  let service: RedisDigestService;
  let api: RecordingServer;
  let slack: RunningSlack;
  let discord: FakeDiscord;
  let events: string;
  let asked = 0;
  const prefix = `fdtest-${randomUUID()}`;
  const slackChannel = { platform: "slack", workspaceId: "T1", channelId: "C1" };
  const discordChannel = { platform: "discord", workspaceId: GUILD_ID, channelId: CHANNEL_ID };
  const slackPosts = (channel = "C1") =>
    api.requestsTo("POST", "/api/chat.postMessage").filter((r) => apiCallOf(r).channel === channel);

  /** Sends a signed /factdesk and returns what came back through response_url. */
  async function slash(user: string, text: string) {
    asked += 1;
    const path = `/respond/${asked}`;
    api.route("POST", path, { body: "ok" });
    const ack = await sendSigned(events, slashAs(user, text, `${api.url}${path}`));
    expect(ack.status).toBe(200);
    return responseOf(await api.waitFor("POST", path));
  }

  beforeAll(async () => {
    snapshot = await bundledSnapshot();
    redis = redisConnection(inject("redisUrl"));
    service = digestService({ connection: redis, prefix });
    api = await startFakeSlackApi();
    // U1 is a workspace admin; U2 is not.
    api.route("POST", "/api/users.info", (req) => {
      const user = new URLSearchParams(req.body).get("user");
      return { body: { ok: true, user: { id: user, is_admin: user === "U1", is_owner: false } } };
    });
    // The channel's history: what was posted to it, metadata included, newest first.
    api.route("POST", "/api/conversations.history", (req) => {
      const channel = new URLSearchParams(req.body).get("channel");
      const messages = slackPosts(channel ?? "")
        .map((r, i) => ({
          ts: `1700000000.${i + 1}`,
          text: apiCallOf(r).text,
          metadata: apiCallOf(r).metadata,
        }))
        .reverse();
      return { body: { ok: true, messages, has_more: false } };
    });
    slack = await startTestSlack(testEnv(api), service);
    events = `http://127.0.0.1:${slack.port}/slack/events`;
    discord = await startFakeDiscord(snapshot, service);
    // The channel keeps what is posted, so a late job's lookup reads it back.
    serveChannels(discord.server, [CHANNEL_ID]);
  });

  afterAll(async () => {
    await slack?.stop();
    await discord?.close();
    await api?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await service.close();
    redis.disconnect();
  });

  it("subscribes through a signed Slack slash command: the scheduler has the pattern and zone", async () => {
    const response = await slash(
      "U1",
      "digest subscribe weekdays 07:30 tz Europe/Berlin topic iskp",
    );
    expect(response.response_type).toBe("ephemeral");
    expect(response.text).toContain("Digest scheduled");
    expect(await service.queue.getJobScheduler(subscriptionId(slackChannel))).toMatchObject({
      pattern: "30 7 * * 1-5",
      tz: "Europe/Berlin",
    });
  });

  it("refuses a Slack user who is not an admin, and changes nothing", async () => {
    const response = await slash("U2", "digest unsubscribe");
    expect(response.text).toMatch(
      /Only workspace admins and owners, and the people .*SLACK.DIGEST.MANAGERS.*Ask one of them/,
    );
    expect(await service.store.forChannel(slackChannel)).not.toBeNull();
  });

  it("refuses an invalid zone or cron from Slack with a clear message", async () => {
    expect((await slash("U1", "digest subscribe daily 08:00 tz Mars/Olympus")).text).toMatch(
      /not a time zone/,
    );
    expect((await slash("U1", "digest subscribe 0 8 * * 9")).text).toMatch(
      /not a valid cron expression/,
    );
    expect(await service.store.forChannel(slackChannel)).toMatchObject({ tz: "Europe/Berlin" });
  });

  it("subscribes through a Discord interaction from a member who can manage the channel", async () => {
    const body = await discord.interact(
      digestInput("subscribe", { schedule: "daily 06:00", tz: "Asia/Dushanbe" }, MANAGE_CHANNELS),
    );
    expect(body.data.embeds?.[0]?.title).toBe("Digest scheduled");
    expect(body.data.components ?? []).toEqual([]);
    expect(await service.queue.getJobScheduler(subscriptionId(discordChannel))).toMatchObject({
      pattern: "0 6 * * *",
      tz: "Asia/Dushanbe",
    });
    const refused = await discord.interact(digestInput("unsubscribe", {}, "0"));
    expect(refused.data.embeds?.[0]?.description ?? "").toMatch(
      /Only members with the Manage Channels or Manage Server permission/,
    );
  });

  it("posts exactly one message per platform when a slot fires, even queued twice", async () => {
    const worker = startDigestWorker({
      connection: redis,
      prefix,
      snapshots: { current: () => snapshot },
      posters: new Map<string, Adapter<unknown>>([
        ["slack", testSlackAdapter(api)],
        [
          "discord",
          discordAdapter(createRest({ apiUrl: discord.apiUrl, token: "test-bot-token" })),
        ],
      ]),
      log: quiet,
    });
    try {
      const slot = Date.UTC(2026, 2, 22, 6, 30);
      for (const channel of [slackChannel, discordChannel]) {
        await service.runSlotNow(subscriptionId(channel), slot);
        await service.runSlotNow(subscriptionId(channel), slot);
        // A second job for the same slot under another id: the slot claim keeps it from posting.
        await service.queue.add(
          DIGEST_JOB,
          { subscriptionId: subscriptionId(channel) },
          { jobId: `again|${subscriptionId(channel).replaceAll(":", "|")}|${slot}` },
        );
      }
      const discordPath = apiPath(`/channels/${CHANNEL_ID}/messages`);
      await until(
        () =>
          slackPosts().length > 0 && discord.server.requestsTo("POST", discordPath).length > 0
            ? true
            : undefined,
        "both posts",
      );
      await settle();
      expect(slackPosts()).toHaveLength(1);
      const posted = apiCallOf(slackPosts()[0] as NonNullable<ReturnType<typeof slackPosts>[0]>);
      expect(posted.metadata).toEqual({
        event_type: "factdesk_post",
        event_payload: { key: `${subscriptionId(slackChannel)}:${slot}` },
      });
      expect(posted.text).toContain("Factdesk digest, 2026-03-22");
      const toDiscord = discord.server.requestsTo("POST", discordPath);
      expect(toDiscord).toHaveLength(1);
      const sent = JSON.parse(toDiscord[0]?.body ?? "{}");
      expect(sent).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
      expect(sent.nonce.length).toBeLessThanOrEqual(25);
    } finally {
      await worker.close();
    }
  });

  it("recovers a job whose worker was SIGKILLed mid-post, still with exactly one message", async () => {
    // A queue of its own: the workers above ran with the default 30 s stalled-check interval,
    // which BullMQ shares through the queue, and this recovery should take about a second.
    const killPrefix = `${prefix}-kill`;
    const kill = digestService({ connection: redis, prefix: killPrefix });
    const channel = { ...slackChannel, channelId: "C-kill" };
    const template = await service.store.forChannel(slackChannel);
    if (!template) throw new Error("the Slack subscription is missing");
    await kill.store.save({ ...template, id: subscriptionId(channel), channelId: "C-kill" });
    // The first post reaches Slack, which holds its answer: the worker dies waiting for it.
    const release = holdNextPost(api, { channel: "C-kill", ts: "1700000001.1" });
    // node itself, not the tsx wrapper: SIGKILL must hit the process that holds the job.
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", WORKER], {
      env: {
        ...process.env,
        REDIS_URL: inject("redisUrl"),
        DIGEST_PREFIX: killPrefix,
        SLACK_API_URL: `${api.url}/api/`,
        SLACK_BOT_TOKEN: BOT_TOKEN,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += String(d);
    });
    try {
      await until(() => (output.includes("ready") ? true : undefined), "the worker process");
      const slot = Date.UTC(2026, 5, 1, 5, 30);
      await kill.runSlotNow(subscriptionId(channel), slot);
      await until(
        () => (slackPosts("C-kill").length === 1 ? true : undefined),
        "the first attempt to reach Slack",
      );
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      release();
      // A surviving worker finds the job stalled, takes it over, and finds the message in history.
      const survivor = startDigestWorker({
        connection: redis,
        prefix: killPrefix,
        snapshots: { current: () => snapshot },
        posters: new Map([["slack", testSlackAdapter(api)]]),
        log: quiet,
        lockDurationMs: 1000,
        stalledIntervalMs: 500,
      });
      try {
        await until(
          async () =>
            (await kill.store.slot(subscriptionId(channel), slot))?.state === "posted"
              ? true
              : undefined,
          "the recovered job",
        );
        await settle();
        expect(slackPosts("C-kill")).toHaveLength(1);
        expect(api.requestsTo("POST", "/api/conversations.history").length).toBeGreaterThan(0);
        expect((await kill.store.get(subscriptionId(channel)))?.lastDelivery).toMatchObject({
          slot,
        });
      } finally {
        await survivor.close();
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      const keys = await redis.keys(`${killPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await kill.close();
    }
  });

  it("posts once when a worker is SIGSTOPped past its lock between claim and post, then resumed", async () => {
    const stopPrefix = `${prefix}-stop`;
    const stop = digestService({ connection: redis, prefix: stopPrefix });
    const channel = { ...slackChannel, channelId: "C-stop" };
    const template = await service.store.forChannel(slackChannel);
    if (!template) throw new Error("the Slack subscription is missing");
    await stop.store.save({ ...template, id: subscriptionId(channel), channelId: "C-stop" });
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", WORKER], {
      env: {
        ...process.env,
        REDIS_URL: inject("redisUrl"),
        DIGEST_PREFIX: stopPrefix,
        SLACK_API_URL: `${api.url}/api/`,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        STALL_ONCE: "1",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += String(d);
    });
    const slot = Date.UTC(2026, 5, 2, 5, 30);
    try {
      await until(
        () => (output.includes("ready") ? true : undefined),
        "the worker process",
        60_000,
      );
      await stop.runSlotNow(subscriptionId(channel), slot);
      await until(() => (output.includes("claimed") ? true : undefined), "the claim", 60_000);
      child.kill("SIGSTOP");
      // Its lock (1 s) runs out; a second worker takes the job over and posts.
      const survivor = startDigestWorker({
        connection: redis,
        prefix: stopPrefix,
        snapshots: { current: () => snapshot },
        posters: new Map([["slack", testSlackAdapter(api)]]),
        log: quiet,
        lockDurationMs: 1000,
        stalledIntervalMs: 500,
      });
      try {
        await until(
          async () =>
            (await stop.store.slot(subscriptionId(channel), slot))?.state === "posted"
              ? true
              : undefined,
          "the post by the second worker",
          60_000,
        );
        // The frozen worker wakes, still holding the job as it thinks: its fence fails.
        child.kill("SIGCONT");
        await settle(3000);
        expect(slackPosts("C-stop")).toHaveLength(1);
        expect(api.requestsTo("POST", "/api/chat.delete")).toHaveLength(0);
      } finally {
        await survivor.close();
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      const keys = await redis.keys(`${stopPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await stop.close();
    }
  });

  it("pauses on a permanent Slack error, tells the subscriber, and shows it in status", async () => {
    const channel = { ...slackChannel, channelId: "C-archived" };
    const subscribed = await service.store.forChannel(slackChannel);
    if (!subscribed) throw new Error("the Slack channel was not subscribed");
    await service.store.save({
      ...subscribed,
      id: subscriptionId(channel),
      channelId: "C-archived",
      createdBy: "U1",
    });
    api.once("POST", "/api/chat.postMessage", { body: { ok: false, error: "is_archived" } });
    const worker = startDigestWorker({
      connection: redis,
      prefix,
      snapshots: { current: () => snapshot },
      posters: new Map([["slack", testSlackAdapter(api)]]),
      log: quiet,
    });
    try {
      await service.runSlotNow(subscriptionId(channel), Date.UTC(2026, 6, 1, 5, 30));
      const notice = await until(() => slackPosts("U1")[0], "the notice to the subscriber");
      expect(apiCallOf(notice).text).toMatch(/is paused: post.channel.archived/);
      expect(await service.store.get(subscriptionId(channel))).toMatchObject({
        paused: { reason: expect.stringMatching(/^post\.channel_archived/) },
      });
    } finally {
      await worker.close();
    }
  });
});

describe("subscriptions on a Redis with append-only persistence", () => {
  it("survive a restart, schedulers included", async () => {
    const dir = await mkdtemp(join(tmpdir(), "factdesk-aof-"));
    // What docker-compose.yml ships: everysec (the test below covers the second it may lose).
    const args = ["--appendonly", "yes", "--appendfsync", "everysec", "--dir", dir];
    let server = await startThrowawayRedis(args);
    const port = Number(new URL(server.url).port);
    const snapshot = await bundledSnapshot();
    const prefix = "aof";
    const channel = { platform: "slack", workspaceId: "T1", channelId: "C1" };
    const respondWith = (connection: Redis) =>
      testResponder(snapshot, digestService({ connection, prefix }));
    try {
      let connection = redisConnection(server.url);
      const respond = respondWith(connection);
      const caller = { ...channel, userId: "U1", canManage: async () => true };
      const input = { text: "digest subscribe weekly mon 09:00 tz Europe/London" };
      expect((await respond.answer({ caller, input })).reply).toMatchObject({ ok: true });
      connection.disconnect();
      await server.stop();
      server = await startThrowawayRedis(args, port);
      connection = redisConnection(server.url);
      const after = digestService({ connection, prefix });
      expect(await after.store.forChannel(channel)).toMatchObject({
        cron: "0 9 * * 1",
        tz: "Europe/London",
      });
      expect(await after.queue.getJobScheduler(subscriptionId(channel))).toMatchObject({
        pattern: "0 9 * * 1",
        tz: "Europe/London",
      });
      await after.close();
      connection.disconnect();
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  /**
   * A real redis-server with `appendfsync everysec` that is SIGKILLed after `act` and comes back
   * from its append-only file as a crash leaves it: cut back to what was on disk before `act`
   * (everysec allows losing that second), half a command at the end; `prepare`'s writes are on
   * disk. `after` then runs on a connection to the Redis that came back.
   */
  async function crashLosingLastWrites(
    prepare: (connection: Redis) => Promise<void>,
    act: (connection: Redis) => Promise<void>,
    after: (connection: Redis) => Promise<void>,
  ): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), "factdesk-aof-lost-"));
    const args = ["--appendonly", "yes", "--appendfsync", "everysec", "--dir", dir];
    let server = await startThrowawayRedis(args);
    const port = Number(new URL(server.url).port);
    const incr = async () => {
      const files = await readdir(join(dir, "appendonlydir"));
      const name = files.find((f) => f.endsWith(".incr.aof"));
      if (!name) throw new Error("no incremental append-only file");
      return join(dir, "appendonlydir", name);
    };
    try {
      let connection = redisConnection(server.url);
      await prepare(connection);
      // Everything up to here is on disk (everysec); what follows is the second a crash loses.
      await new Promise((r) => setTimeout(r, 1500));
      const durable = (await stat(await incr())).size;
      await act(connection);
      connection.disconnect();
      server.process.kill("SIGKILL");
      await new Promise((r) => server.process.once("exit", r));
      await truncate(await incr(), durable + 7);
      server = await startThrowawayRedis([...args, "--aof-load-truncated", "yes"], port);
      connection = redisConnection(server.url);
      try {
        await after(connection);
      } finally {
        connection.disconnect();
      }
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Deliveries on `connection`'s store through `poster`, at the instant `at`. */
  const deliveryAt = (
    connection: Redis,
    poster: Adapter<unknown>,
    at: number,
    snapshot: CorpusSnapshot,
  ) =>
    digestDelivery({
      snapshots: { current: () => snapshot },
      store: redisDigestStore(connection, "aof"),
      posters: new Map([[poster.platform, poster]]),
      unschedule: async () => {},
      log: quiet,
      now: () => at,
      // As the worker wires it: when this Redis started, on the same clock.
      storeStartedAt: redisStartedAt(connection, () => at),
    }).deliver;

  it("posts no second digest when Redis comes back from an append-only file that lost the slot's record", async () => {
    const snapshot = await bundledSnapshot();
    const api = await startFakeSlackApi();
    api.route("POST", "/api/conversations.history", (req) => {
      const channel = new URLSearchParams(req.body).get("channel");
      const messages = api
        .requestsTo("POST", "/api/chat.postMessage")
        .map((r, i) => ({ call: apiCallOf(r), ts: `1700000000.${i + 1}` }))
        .filter(({ call }) => call.channel === channel)
        .map(({ call, ts }) => ({ ts, text: call.text, metadata: call.metadata }))
        .reverse();
      return { body: { ok: true, messages, has_more: false } };
    });
    const slack = testSlackAdapter(api);
    const channel = { platform: "slack", workspaceId: "T1", channelId: "C-aof" };
    const id = subscriptionId(channel);
    const slot = Date.UTC(2026, 6, 1, 5, 30);
    try {
      await crashLosingLastWrites(
        (connection) =>
          redisDigestStore(connection, "aof").save({ ...subscription("C-aof", channel), id }),
        async (connection) => {
          const first = await deliveryAt(
            connection,
            slack,
            slot + 5_000,
            snapshot,
          )(id, slot, "job-1");
          expect(first).toMatchObject({ kind: "posted" });
        },
        async (connection) => {
          const after = redisDigestStore(connection, "aof");
          expect(await after.get(id)).toMatchObject({ lastDelivery: null });
          expect(await after.slot(id, slot)).toBeNull();
          // The slot's job runs again, late (the sign of recovery): it finds the post in the channel.
          const again = await deliveryAt(
            connection,
            slack,
            slot + 10 * 60_000,
            snapshot,
          )(id, slot, "job-1");
          expect(again).toEqual({ kind: "already-posted", messageId: "1700000000.1" });
          expect(api.requestsTo("POST", "/api/chat.postMessage")).toHaveLength(1);
          expect(await after.slot(id, slot)).toMatchObject({
            state: "posted",
            messageId: "1700000000.1",
          });
        },
      );
    } finally {
      await api.close();
    }
  });

  it("posts one Discord message per channel per slot after Redis lost the slots' records", async () => {
    const snapshot = await bundledSnapshot();
    const server = await startRecordingServer();
    const ids = [
      "960000000000000001",
      "960000000000000002",
      "960000000000000003",
      "960000000000000004",
    ];
    const channels = serveChannels(server, ids);
    const discord = discordAdapter(
      createRest({ apiUrl: `${server.url}/api`, token: "test-bot-token" }),
    );
    const refs = ids.map((channelId) => ({
      platform: "discord",
      workspaceId: GUILD_ID,
      channelId,
    }));
    const slot = Date.UTC(2026, 6, 1, 5, 30);
    // Daily at the slot's time, subscribed long before: the run before it is owed a record.
    const daily = (ref: (typeof refs)[number]) => ({
      ...subscription(ref.channelId, ref),
      id: subscriptionId(ref),
      cron: "30 5 * * *",
    });
    try {
      await crashLosingLastWrites(
        async (connection) => {
          const store = redisDigestStore(connection, "aof");
          for (const ref of refs) await store.save(daily(ref));
          // The last channel's previous run is on record, on disk: its last delivery is not behind.
          const last = refs.at(-1) ?? refs[0];
          if (!last) throw new Error("no channels");
          const previous = slot - 86_400_000;
          await store.recordDelivery(subscriptionId(last), previous, {
            at: new Date(previous).toISOString(),
            slot: previous,
            messageId: "960000000000000099",
            corpusVersion: snapshot.corpus.version,
            shown: {},
          });
        },
        async (connection) => {
          for (const ref of refs) {
            const first = await deliveryAt(
              connection,
              discord,
              slot + 5_000,
              snapshot,
            )(subscriptionId(ref), slot, "job-1");
            expect(first).toMatchObject({ kind: "posted" });
          }
        },
        async (connection) => {
          const after = redisDigestStore(connection, "aof");
          // Two jobs come back late; the third on time, but its last delivery is behind the
          // schedule (the previous run's record is not there either); the fourth on time with its
          // previous run on record: only that its slot was due before Redis restarted says doubt.
          const starts = [slot + 10 * 60_000, slot + 10 * 60_000, slot + 30_000, slot + 30_000];
          for (const [i, ref] of refs.entries()) {
            const id = subscriptionId(ref);
            expect(await after.slot(id, slot)).toBeNull();
            const again = await deliveryAt(
              connection,
              discord,
              starts[i] ?? slot,
              snapshot,
            )(id, slot, "job-1");
            const [posted, ...more] = channels.messages(ref.channelId);
            expect(more).toEqual([]);
            expect(again).toEqual({ kind: "already-posted", messageId: posted?.id });
            expect(await after.slot(id, slot)).toMatchObject({
              state: "posted",
              messageId: posted?.id,
            });
          }
          // Each looked in its channel from the slot's time on.
          for (const id of ids) {
            expect(
              server.requestsTo("GET", apiPath(`/channels/${id}/messages`)).length,
            ).toBeGreaterThan(0);
          }
        },
      );
    } finally {
      await server.close();
    }
  });
});
