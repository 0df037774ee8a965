import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { discordAdapter } from "../../src/adapters/discord/adapter.ts";
import { createRest } from "../../src/adapters/discord/client.ts";
import type { RunningSlack } from "../../src/adapters/slack/start.ts";
import { validateCorpus } from "../../src/core/corpus/validate.ts";
import { buildSnapshot, type CorpusSnapshot } from "../../src/core/snapshot.ts";
import { readCorpusFiles } from "../../src/corpus/files.ts";
import { redisConnection } from "../../src/digests/queue.ts";
import { digestService, type RedisDigestService } from "../../src/digests/service.ts";
import { subscriptionId } from "../../src/digests/subscription.ts";
import { type DigestWorker, startDigestWorker } from "../../src/digests/worker.ts";
import type { Poster } from "../../src/ports/poster.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { type Json, withEdit } from "../support/corpus-edit.ts";
import {
  APPLICATION_ID,
  buttonPress,
  CHANNEL_ID,
  chatInput,
  GUILD_ID,
} from "../support/discord-payloads.ts";
import { apiPath, type FakeDiscord, startFakeDiscord } from "../support/fake-discord.ts";
import {
  apiCallOf,
  buttonClickBody,
  buttons,
  responseOf,
  sendSigned,
  slashCommandBody,
  startFakeSlackApi,
  startTestSlack,
  testEnv,
  testSlackAdapter,
} from "../support/fake-slack.ts";
import type { RecordingServer } from "../support/recording-server.ts";
import { until } from "../support/until.ts";

const quiet = pino({ level: process.env.TEST_LOG ?? "silent" });
const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms));
const SHARED_DISCORD_ID = "940000000000000001";
const ASKED = "figure crocus injured";

// A reporter shares an answer citing a figure value; the next version withdraws it: the channel
// gets exactly one correction, threaded to the share, through the real Bolt app and discord.js,
// the real store on Redis and the real worker, with no digest subscription anywhere.
describe("corrections of shared answers through the real adapters on Redis", () => {
  let v1: CorpusSnapshot;
  let v2: CorpusSnapshot;
  let withdrawn: string;
  let redis: Redis;
  let service: RedisDigestService;
  let api: RecordingServer;
  let slack: RunningSlack;
  let discord: FakeDiscord;
  let worker: DigestWorker | undefined;
  const prefix = `fdtest-${randomUUID()}`;
  const slackId = subscriptionId({ platform: "slack", workspaceId: "T1", channelId: "C1" });
  const discordId = subscriptionId({
    platform: "discord",
    workspaceId: GUILD_ID,
    channelId: CHANNEL_ID,
  });
  const discordMessages = apiPath(`/channels/${CHANNEL_ID}/messages`);
  const slackPosts = () => api.requestsTo("POST", "/api/chat.postMessage").map(apiCallOf);
  let responses = 0;

  beforeAll(async () => {
    v1 = await bundledSnapshot();
    const group = v1.corpus.figures.find((g) => g.id === "crocus-injured");
    withdrawn = group?.values.at(-1)?.id as string;
    const opened = validateCorpus(
      withEdit(await readCorpusFiles(), "figures.json", (groups) => {
        const edited = groups.find((g) => g.id === group?.id) as Json;
        edited.values = (edited.values as Json[]).filter((v) => v.id !== withdrawn);
      }),
    );
    if (!opened.ok) throw new Error("edited corpus invalid");
    v2 = buildSnapshot(opened.value.corpus);
    redis = redisConnection(inject("redisUrl"));
    service = digestService({ connection: redis, prefix });
    api = await startFakeSlackApi();
    slack = await startTestSlack(testEnv(api), service);
    discord = await startFakeDiscord(v1, service);
    let message = 0;
    discord.server.route("POST", discordMessages, () => ({
      body: { id: String(950000000000000000n + BigInt(++message)), channel_id: CHANNEL_ID },
    }));
  });

  afterAll(async () => {
    await worker?.close();
    await slack?.stop();
    await discord?.close();
    await api?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await service.close();
    redis.disconnect();
  });

  /** Asks on Slack, then clicks the answer's Share; resolves with the shared post's ts. */
  async function shareOnSlack(): Promise<string> {
    const events = `http://127.0.0.1:${slack.port}/slack/events`;
    const respond = () => {
      const path = `/respond/${++responses}`;
      api.route("POST", path, { body: "ok" });
      return { url: `${api.url}${path}`, path };
    };
    const asked = respond();
    await sendSigned(events, slashCommandBody(ASKED, asked.url));
    const answer = responseOf(await api.waitFor("POST", asked.path));
    const share = buttons(answer).find((b) => b.action_id === "factdesk_share");
    if (!share) throw new Error("no Share button");
    const clicked = respond();
    await sendSigned(events, buttonClickBody(share, clicked.url));
    expect(responseOf(await api.waitFor("POST", clicked.path))).toMatchObject({
      delete_original: true,
    });
    const [posted] = slackPosts();
    expect(posted?.channel).toBe("C1");
    // The fake Web API numbers its timestamps: the first post is the share.
    return "1700000000.1";
  }

  /** Asks on Discord, then presses Share; resolves once the shared message's id was read. */
  // discord.js asks for the interaction's reply as ".../messages/@original", "@" encoded.
  async function shareOnDiscord(): Promise<void> {
    const answer = await discord.interact(chatInput("figure", { topic: "crocus injured" }));
    const shareId = (answer.data.components ?? [])
      .flatMap((row) => row.components.map((b) => ("custom_id" in b ? b.custom_id : "")))
      .find((id) => id.includes(":share:"));
    expect(shareId).toBe(`fd1:share:${ASKED}`);
    const press = buttonPress(shareId as string, answer.data.embeds);
    const original = apiPath(`/webhooks/${APPLICATION_ID}/${press.token}/messages/%40original`);
    discord.server.route("GET", original, {
      body: { id: SHARED_DISCORD_ID, channel_id: CHANNEL_ID },
    });
    const shared = await discord.interact(press);
    // Posted visibly, answered again from the corpus: the same embeds, no buttons.
    expect(shared.data.flags ?? 0).toBe(0);
    expect(shared.data.embeds).toEqual(answer.data.embeds);
    expect(shared.data.components).toEqual([]);
    await discord.server.waitFor("GET", original);
  }

  it("records each share with what it showed, then replies once to each when a version withdraws it", async () => {
    const slackShare = await shareOnSlack();
    await shareOnDiscord();
    await until(
      async () => ((await service.store.shared(discordId)) ? true : undefined),
      "the Discord share's record",
    );
    expect((await service.store.shared(slackId))?.shown[withdrawn]).toMatchObject({
      message: slackShare,
    });
    expect((await service.store.shared(discordId))?.shown[withdrawn]).toMatchObject({
      message: SHARED_DISCORD_ID,
    });
    expect(
      await service.store.forChannel({ platform: "slack", workspaceId: "T1", channelId: "C1" }),
    ).toBeNull();

    const rest = createRest({ apiUrl: discord.apiUrl, token: `bot-${randomUUID()}` });
    worker = startDigestWorker({
      connection: redis,
      prefix,
      snapshots: { current: () => v2 },
      posters: new Map<string, Poster>([
        ["slack", testSlackAdapter(api)],
        ["discord", discordAdapter(rest)],
      ]),
      log: quiet,
      correctionCheckMs: 200,
    });
    await until(
      () =>
        slackPosts().length === 2 && discord.server.requestsTo("POST", discordMessages).length === 1
          ? true
          : undefined,
      "both corrections",
      30_000,
    );
    // Another sweep, another worker's tick: nothing more.
    await settle();
    const posts = slackPosts();
    expect(posts).toHaveLength(2);
    const correction = posts[1] as NonNullable<(typeof posts)[1]>;
    expect(correction.thread_ts).toBe(slackShare);
    expect(correction.text).toMatch(/^Correction: 1 statement/);
    expect(JSON.stringify(correction.blocks)).toMatch(/Withdrawn: .* is no longer in the corpus/);

    const sent = discord.server.requestsTo("POST", discordMessages).map((r) => JSON.parse(r.body));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      message_reference: { message_id: SHARED_DISCORD_ID, fail_if_not_exists: true },
      allowed_mentions: { parse: [] },
    });
    expect(JSON.stringify(sent[0])).toMatch(/Withdrawn/);
    // Told: the withdrawn value is forgotten in both channels' records.
    expect((await service.store.shared(slackId))?.shown[withdrawn]).toBeUndefined();
    expect((await service.store.shared(discordId))?.shown[withdrawn]).toBeUndefined();
    expect(discord.problems).toEqual([]);
  });
});
