import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { discordAdapter } from "../../src/adapters/discord/adapter.ts";
import { createRest } from "../../src/adapters/discord/client.ts";
import type { RawCorpusFiles } from "../../src/core/corpus/types.ts";
import { validateCorpus } from "../../src/core/corpus/validate.ts";
import { buildSnapshot, type CorpusSnapshot } from "../../src/core/snapshot.ts";
import { readCorpusFiles, writeCorpusFiles } from "../../src/corpus/files.ts";
import { queueCorrections } from "../../src/digests/corrections.ts";
import { digestDelivery } from "../../src/digests/deliver.ts";
import { redisConnection } from "../../src/digests/queue.ts";
import { digestService, type RedisDigestService } from "../../src/digests/service.ts";
import { subscriptionId } from "../../src/digests/subscription.ts";
import { startDigestWorker } from "../../src/digests/worker.ts";
import type { Poster } from "../../src/ports/poster.ts";
import { subscription } from "../ports/digest-store.contract.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { type Json, withEdit } from "../support/corpus-edit.ts";
import { correctionQueue } from "../support/correction-queue.ts";
import { serveChannels } from "../support/discord-channels.ts";
import { apiPath } from "../support/fake-discord.ts";
import {
  apiCallOf,
  BOT_TOKEN,
  type FakeSlackApi,
  holdNextPost,
  startFakeSlackApi,
  testSlackAdapter,
} from "../support/fake-slack.ts";
import { type RecordedRequest, startRecordingServer } from "../support/recording-server.ts";
import { replyTo } from "../support/responder.ts";
import { until } from "../support/until.ts";

const WORKER = new URL("./worker-process.ts", import.meta.url).pathname;
const quiet = pino({ level: process.env.TEST_LOG ?? "silent" });
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
const SLOT = Date.UTC(2026, 2, 22, 7, 30);

// A channel was shown a figure value; the next version withdraws it: the channel is told once, in
// the thread of the digest that showed it, on the real store and adapters.
describe("corrections through the real adapters on Redis", () => {
  let v1: CorpusSnapshot;
  let v2: CorpusSnapshot;
  let v2Files: RawCorpusFiles;
  let withdrawn: string;
  let redis: Redis;
  let api: FakeSlackApi;
  const run = `fdtest-${randomUUID()}`;
  let prefixes = 0;

  const slackPosts = (channel: string) =>
    api.requestsTo("POST", "/api/chat.postMessage").filter((r) => apiCallOf(r).channel === channel);

  /** A subscription of `channelId` on `platform` whose first digest went out on v1. */
  async function digested(
    service: RedisDigestService,
    platform: string,
    channelId: string,
    poster: Poster,
  ) {
    const ref = { platform, workspaceId: "T1", channelId };
    const id = subscriptionId(ref);
    // Subscribed just before the slot: a first digest owes nothing earlier, so asks no channel.
    const updatedAt = new Date(SLOT - 60_000).toISOString();
    await service.store.save(subscription(channelId, { ...ref, id, updatedAt }));
    const { deliver } = digestDelivery({
      snapshots: { current: () => v1 },
      store: service.store,
      posters: new Map([[platform, poster]]),
      unschedule: async () => {},
      log: quiet,
      // On time: a late first digest would look for an earlier post first.
      now: () => SLOT + 5_000,
    });
    const first = await deliver(id, SLOT, "first");
    if (first.kind !== "posted") throw new Error(`first digest: ${first.kind}`);
    expect((await service.store.get(id))?.lastDelivery?.shown[withdrawn]).toMatchObject({
      message: first.messageId,
    });
    return { id, digest: first.messageId };
  }

  beforeAll(async () => {
    v1 = await bundledSnapshot();
    const [group] = v1.corpus.figures.filter((g) => v1.judgementOf(g).verdict === "conflict");
    const value = group?.values.at(-1);
    if (!group || !value) throw new Error("no conflicting figure");
    withdrawn = value.id;
    v2Files = withEdit(await readCorpusFiles(), "figures.json", (groups) => {
      const edited = groups.find((g) => g.id === group.id) as Json;
      edited.values = (edited.values as Json[]).filter((v) => v.id !== withdrawn);
    });
    const opened = validateCorpus(v2Files);
    if (!opened.ok) throw new Error("edited corpus invalid");
    v2 = buildSnapshot(opened.value.corpus);
    redis = redisConnection(inject("redisUrl"));
    api = await startFakeSlackApi();
    // A thread's replies, metadata included, as Slack lists them: the parent, then the replies.
    api.route("POST", "/api/conversations.replies", (req) => {
      const params = new URLSearchParams(req.body);
      const replies = api
        .requestsTo("POST", "/api/chat.postMessage")
        .map((r, i) => ({ call: apiCallOf(r), i }))
        .filter(
          ({ call }) =>
            call.channel === params.get("channel") && call.thread_ts === params.get("ts"),
        )
        .map(({ call, i }) => ({
          ts: `1800000000.${i}`,
          thread_ts: call.thread_ts,
          metadata: call.metadata,
        }));
      return {
        body: { ok: true, messages: [{ ts: params.get("ts") }, ...replies], has_more: false },
      };
    });
  });
  afterAll(async () => {
    await api?.close();
    const keys = await redis.keys(`${run}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("replies once in the digest's Slack thread, even when the worker is SIGKILLed while posting it", async () => {
    const prefix = `${run}-${++prefixes}`;
    const service = digestService({ connection: redis, prefix });
    const dir = await mkdtemp(join(tmpdir(), "factdesk-v2-"));
    await writeCorpusFiles(dir, v2Files);
    const { id, digest } = await digested(service, "slack", "C-fix", testSlackAdapter(api));
    // The correction reaches Slack, which holds its answer: the worker dies waiting for it.
    const release = holdNextPost(api, { channel: "C-fix", ts: "1700000099.1" });
    // node itself, not the tsx wrapper: SIGKILL must hit the process that holds the job.
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", WORKER], {
      env: {
        ...process.env,
        REDIS_URL: inject("redisUrl"),
        DIGEST_PREFIX: prefix,
        SLACK_API_URL: `${api.url}/api/`,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        CORPUS_DIR: dir,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += String(d);
    });
    try {
      await until(
        () => (output.includes("ready") ? true : undefined),
        "the worker process",
        60_000,
      );
      // The worker sees v2, queues the channel's correction and posts it.
      await until(
        () => (slackPosts("C-fix").length === 2 ? true : undefined),
        "the correction to reach Slack",
        60_000,
      );
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      release();
      const survivor = startDigestWorker({
        connection: redis,
        prefix,
        snapshots: { current: () => v2 },
        posters: new Map([["slack", testSlackAdapter(api)]]),
        log: quiet,
        lockDurationMs: 1000,
        stalledIntervalMs: 500,
        correctionCheckMs: 200,
      });
      try {
        // The survivor takes the stalled job over and finds the reply in the thread.
        await until(
          async () =>
            (await service.store.get(id))?.lastDelivery?.shown[withdrawn] === undefined
              ? true
              : undefined,
          "the recovered correction",
          60_000,
        );
        await settle(1000);
        const posts = slackPosts("C-fix");
        expect(posts).toHaveLength(2);
        const correction = apiCallOf(posts[1] as NonNullable<(typeof posts)[1]>);
        expect(correction.thread_ts).toBe(digest);
        expect(correction.text).toMatch(/^Correction: 1 statement/);
        expect(JSON.stringify(correction.blocks)).toMatch(
          /Withdrawn: .* is no longer in the corpus/,
        );
        expect(api.requestsTo("POST", "/api/conversations.replies").length).toBeGreaterThan(0);
        // What the channel is shown now carries no withdrawn value: the next digest opens clean.
        expect((await service.store.get(id))?.lastDelivery).toMatchObject({
          slot: SLOT,
          messageId: digest,
        });
      } finally {
        await survivor.close();
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await service.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  /** Corrections from v2, on the real store, posting through `posters`, `at` on the clock. */
  const correctingOn = (
    service: RedisDigestService,
    posters: ReadonlyMap<string, Poster>,
    at = SLOT + 86_400_000,
  ) =>
    digestDelivery({
      snapshots: { current: () => v2 },
      store: service.store,
      posters,
      unschedule: async () => {},
      log: quiet,
      now: () => at,
    });

  it("replies to the original message on Discord, and leaves a deleted one to the next digest", async () => {
    const prefix = `${run}-${++prefixes}`;
    const service = digestService({ connection: redis, prefix });
    const discord = await startRecordingServer();
    const channelId = "1100000000000000001";
    const gone = "1100000000000000002";
    const channels = serveChannels(discord, [channelId, gone]);
    const poster = discordAdapter(
      createRest({ apiUrl: `${discord.url}/api`, token: "test-bot-token" }),
    );
    try {
      const kept = await digested(service, "discord", channelId, poster);
      const deleted = await digested(service, "discord", gone, poster);
      // Someone deletes the second channel's digest: a reply to it is refused as Discord does.
      channels.remove(gone, deleted.digest);
      const { correct, deliver } = correctingOn(service, new Map([["discord", poster]]));
      expect(await correct(kept.id, "fix-1")).toMatchObject({ kind: "posted" });
      expect(await correct(kept.id, "fix-2")).toMatchObject({ kind: "skipped" });
      const sent = discord.requestsTo("POST", apiPath(`/channels/${channelId}/messages`));
      expect(sent.map((r) => JSON.parse(r.body))[1]).toMatchObject({
        message_reference: { message_id: kept.digest, fail_if_not_exists: true },
        allowed_mentions: { parse: [] },
      });
      expect(channels.messages(channelId)).toHaveLength(2);

      expect(await correct(deleted.id, "fix-1")).toMatchObject({
        kind: "skipped",
        reason: "the message to reply to is gone",
      });
      expect(channels.messages(gone)).toEqual([]);
      expect(await service.store.get(deleted.id)).toMatchObject({ paused: null });
      // Still owed, with no message left to reply to: the next digest opens with it, once.
      const owed = (await service.store.get(deleted.id))?.lastDelivery?.shown[withdrawn];
      expect(owed).toMatchObject({ fingerprint: v1.statements().get(withdrawn)?.fingerprint });
      expect(owed?.message).toBeUndefined();
      expect(await correct(deleted.id, "fix-2")).toMatchObject({ kind: "skipped" });
      expect(await deliver(deleted.id, SLOT + 86_400_000, "next")).toMatchObject({
        kind: "posted",
      });
      const [next, ...more] = channels.messages(gone);
      expect(more).toEqual([]);
      expect(next?.message_reference).toBeUndefined();
      expect(next?.embeds[0]?.title).toMatch(/^Factdesk digest/);
      expect(JSON.stringify(next?.embeds)).toMatch(/Corrections[\s\S]*Withdrawn: .* is no longer/);
      expect((await service.store.get(deleted.id))?.lastDelivery?.shown[withdrawn]).toBeUndefined();
    } finally {
      await discord.close();
      await service.close();
    }
  });

  it("on Slack, takes back a reply Slack unthreaded: a deleted digest's correction opens the next digest, a deleted share's is posted on its own", async () => {
    const prefix = `${run}-${++prefixes}`;
    const service = digestService({ connection: redis, prefix });
    const slack = testSlackAdapter(api);
    const posters = new Map([["slack", slack]]);
    try {
      const carried = await digested(service, "slack", "C-carry", slack);
      api.remove("C-carry", carried.digest);
      // A channel with no digest, where an answer showing the value was shared, then deleted.
      const alone = { platform: "slack", workspaceId: "T1", channelId: "C-alone" };
      const shared = await slack.post(alone, await replyTo("sources"));
      if (!shared.ok) throw new Error("share not posted");
      const statement = v1.statements().get(withdrawn);
      await service.store.recordShare(alone, shared.value.messageId, {
        [withdrawn]: { fingerprint: statement?.fingerprint ?? "", text: statement?.text ?? "" },
      });
      api.remove("C-alone", shared.value.messageId);

      const { correct, deliver } = correctingOn(service, posters);
      expect(await correct(carried.id, "fix-1")).toMatchObject({
        kind: "skipped",
        reason: "the message to reply to is gone",
      });
      // Slack posted the reply to the channel, unthreaded; the adapter deleted it again.
      const [orphan] = slackPosts("C-carry").slice(1).map(apiCallOf);
      expect(orphan?.thread_ts).toBe(carried.digest);
      expect(api.requestsTo("POST", "/api/chat.delete").map(apiCallOf)).toEqual([
        expect.objectContaining({ channel: "C-carry" }),
      ]);
      expect(api.messages("C-carry")).toEqual([]);
      expect(await correct(carried.id, "fix-2")).toMatchObject({ kind: "skipped" });
      expect(await deliver(carried.id, SLOT + 86_400_000, "next")).toMatchObject({
        kind: "posted",
      });
      const [next, ...more] = api.messages("C-carry");
      expect(more).toEqual([]);
      expect(next?.thread_ts).toBeUndefined();
      expect(next?.text).toMatch(/^Factdesk digest/);
      const digestCall = apiCallOf(slackPosts("C-carry").at(-1) as RecordedRequest);
      expect(JSON.stringify(digestCall.blocks)).toMatch(
        /Corrections[\s\S]*Withdrawn: .* is no longer/,
      );

      const aloneId = subscriptionId(alone);
      expect(await correct(aloneId, "fix-1")).toMatchObject({ kind: "posted" });
      expect(await correct(aloneId, "fix-2")).toMatchObject({ kind: "skipped" });
      // The share, the reply Slack unthreaded (taken back), the correction on its own.
      expect(slackPosts("C-alone")).toHaveLength(3);
      const [own, ...others] = api.messages("C-alone");
      expect(others).toEqual([]);
      expect(own?.thread_ts).toBeUndefined();
      expect(own?.text).toMatch(/^Correction: 1 statement Factdesk posted in this channel/);
      const ownCall = apiCallOf(slackPosts("C-alone").at(-1) as RecordedRequest);
      expect(ownCall.thread_ts).toBeUndefined();
      expect(JSON.stringify(ownCall.blocks)).toMatch(/Withdrawn: .* is no longer in the corpus/);
      expect((await service.store.shared(aloneId))?.shown[withdrawn]).toBeUndefined();
    } finally {
      await service.close();
    }
  });

  it("corrects paused channels too: a reply to the original on Discord, or a message of its own when it was deleted", async () => {
    const prefix = `${run}-${++prefixes}`;
    const service = digestService({ connection: redis, prefix });
    const discord = await startRecordingServer();
    const [keptChannel, goneChannel] = ["1200000000000000001", "1200000000000000002"];
    const channels = serveChannels(discord, [keptChannel, goneChannel]);
    const poster = discordAdapter(
      createRest({ apiUrl: `${discord.url}/api`, token: "test-bot-token" }),
    );
    const paused = { reason: "post.missing_permission: 50013", at: new Date(SLOT).toISOString() };
    try {
      const kept = await digested(service, "discord", keptChannel, poster);
      const deleted = await digested(service, "discord", goneChannel, poster);
      for (const { id } of [kept, deleted]) {
        await service.store.update(id, (s) => ({ ...s, paused }));
      }
      channels.remove(goneChannel, deleted.digest);
      const { queue, queued } = correctionQueue();
      expect(await queueCorrections({ store: service.store, queue }, v2)).toBe(2);
      expect(queued.sort()).toEqual([kept.id, deleted.id].sort());

      const { correct, deliver } = correctingOn(service, new Map([["discord", poster]]));
      expect(await correct(kept.id, "fix-1")).toMatchObject({ kind: "posted" });
      expect(channels.messages(keptChannel).at(-1)?.message_reference).toEqual({
        message_id: kept.digest,
      });
      expect(await correct(deleted.id, "fix-1")).toMatchObject({ kind: "posted" });
      expect(await correct(deleted.id, "fix-2")).toMatchObject({ kind: "skipped" });
      const [own, ...more] = channels.messages(goneChannel);
      expect(more).toEqual([]);
      expect(own?.message_reference).toBeUndefined();
      expect(own?.embeds[0]?.description).toMatch(/Factdesk posted in this channel/);
      expect(JSON.stringify(own?.embeds)).toMatch(/Withdrawn: .* is no longer in the corpus/);
      // Still paused: no digest, the pause as it was.
      for (const { id } of [kept, deleted]) {
        expect(await service.store.get(id)).toMatchObject({ paused });
        expect(await deliver(id, SLOT + 86_400_000, "next")).toMatchObject({ kind: "skipped" });
      }
      expect(channels.messages(keptChannel)).toHaveLength(2);
    } finally {
      await discord.close();
      await service.close();
    }
  });
});
