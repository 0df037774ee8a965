import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackAdapter } from "../../../src/adapters/slack/adapter.ts";
import { POST_EVENT_TYPE, postingClient } from "../../../src/adapters/slack/post.ts";
import type { SlackMessage } from "../../../src/adapters/slack/render.ts";
import type { ChannelRef } from "../../../src/ports/poster.ts";
import {
  apiCallOf,
  BOT_TOKEN,
  startFakeSlackApi,
  testSlackAdapter,
} from "../../support/fake-slack.ts";
import { type RecordingServer, startRecordingServer } from "../../support/recording-server.ts";
import { replyTo } from "../../support/responder.ts";
import { adapterContract } from "../contract.ts";
import { asShown, citationsShown, limitViolations, mentions, visibleText } from "./inspect.ts";

const POST = ["POST", "/api/chat.postMessage"] as const;
const channel: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C1" };

let api: RecordingServer;

afterAll(async () => {
  await api?.close();
});

// The shared contract, against the adapter the composition root builds for posting.
adapterContract<SlackMessage>("slack", async () => {
  api = await startFakeSlackApi();
  return {
    adapter: testSlackAdapter(api),
    channel,
    visibleText,
    limitViolations,
    citations: citationsShown,
    asShown,
    mentions,
    postedBodies: () => api.requestsTo(...POST).map(apiCallOf),
    failNextPost(kind) {
      api.once(
        ...POST,
        kind === "permanent"
          ? { body: { ok: false, error: "channel_not_found" } }
          : { status: 503, body: "upstream unavailable" },
      );
    },
  };
});

describe("slack poster", () => {
  let fake: RecordingServer;
  const adapter = () => slackAdapter(postingClient(BOT_TOKEN, { apiUrl: `${fake.url}/api/` }));
  const help = async () => replyTo("help");
  const lastPost = () =>
    fake
      .requestsTo(...POST)
      .map(apiCallOf)
      .at(-1);

  beforeAll(async () => {
    fake = await startFakeSlackApi();
  });
  afterAll(() => fake.close());

  it("posts Block Kit with a notification text and returns the message ts", async () => {
    const result = await adapter().post(channel, await help());
    expect(result).toEqual({
      ok: true,
      value: { messageId: expect.stringMatching(/^1700000000\.\d+$/) },
    });
    const posted = lastPost();
    expect(posted).toMatchObject({ channel: "C1", unfurl_links: "false", unfurl_media: "false" });
    expect(posted?.text.length).toBeGreaterThan(0);
    expect(posted?.blocks.length).toBeGreaterThan(0);
  });

  it("posts a reply in the thread of the message it answers, and says when that message is gone", async () => {
    await adapter().post(channel, await help(), { replyTo: "1700000000.7" });
    expect(lastPost()).toMatchObject({ channel: "C1", thread_ts: "1700000000.7" });
    for (const error of ["thread_not_found", "message_not_found"]) {
      fake.once(...POST, { body: { ok: false, error } });
      expect(
        await adapter().post(channel, await help(), { replyTo: "1700000000.8" }),
      ).toMatchObject({ ok: false, error: { code: "post.original_gone", detail: error } });
    }
  });

  it("looks for an earlier reply in the thread (conversations.replies), not the channel's history", async () => {
    fake.once("POST", "/api/conversations.replies", (req) => ({
      body: {
        ok: true,
        messages: [
          { ts: new URLSearchParams(req.body).get("ts") },
          {
            ts: "1700000000.9",
            metadata: { event_type: POST_EVENT_TYPE, event_payload: { key: "k" } },
          },
        ],
      },
    }));
    expect(await adapter().findPosted?.(channel, "k", "1700000000.7")).toEqual({
      kind: "found",
      messageId: "1700000000.9",
    });
    fake.once("POST", "/api/conversations.replies", {
      body: { ok: false, error: "thread_not_found" },
    });
    expect(await adapter().findPosted?.(channel, "k", "1700000000.7")).toEqual({ kind: "absent" });
  });

  it("says a history it has no scope to read will never be readable, unlike a passing failure", async () => {
    fake.once("POST", "/api/conversations.history", {
      body: { ok: false, error: "missing_scope" },
    });
    expect(await adapter().findPosted?.(channel, "k")).toMatchObject({
      kind: "unknown",
      lasting: true,
    });
    fake.once("POST", "/api/conversations.history", {
      body: { ok: false, error: "internal_error" },
    });
    const passing = await adapter().findPosted?.(channel, "k");
    expect(passing).toMatchObject({ kind: "unknown" });
    expect(passing).not.toHaveProperty("lasting");
  });

  it("deletes a message it posted with chat.delete", async () => {
    fake.once("POST", "/api/chat.delete", { body: { ok: true } });
    expect(await adapter().deleteMessage?.(channel, "1700000000.3")).toEqual({
      ok: true,
      value: undefined,
    });
    expect(fake.requestsTo("POST", "/api/chat.delete").map(apiCallOf).at(-1)).toMatchObject({
      channel: "C1",
      ts: "1700000000.3",
    });
  });

  it("attaches the idempotency key as message metadata, so a retry can be recognised", async () => {
    await adapter().post(channel, await help(), { idempotencyKey: "digest:C1:2024-03-25" });
    expect(lastPost()?.metadata).toEqual({
      event_type: POST_EVENT_TYPE,
      event_payload: { key: "digest:C1:2024-03-25" },
    });
  });

  it.each([
    ["channel_not_found", "post.channel_not_found"],
    ["not_in_channel", "post.not_in_channel"],
    ["is_archived", "post.channel_archived"],
    ["account_inactive", "post.auth"],
    ["invalid_auth", "post.auth"],
    ["token_revoked", "post.auth"],
    ["missing_scope", "post.missing_permission"],
    ["msg_too_long", "post.invalid_message"],
  ])("reports %s as permanent %s, without retrying", async (detail, code) => {
    const before = fake.requestsTo(...POST).length;
    fake.once(...POST, { body: { ok: false, error: detail } });
    expect(await adapter().post(channel, await help())).toMatchObject({
      ok: false,
      error: { code, permanent: true, detail },
    });
    expect(fake.requestsTo(...POST)).toHaveLength(before + 1);
  });

  it.each([
    ["a 500", { status: 500, body: "oops" }, "post.server_error", "http_500"],
    ["a 503", { status: 503, body: "unavailable" }, "post.server_error", "http_503"],
    [
      "Slack's internal_error",
      { body: { ok: false, error: "internal_error" } },
      "post.server_error",
      "internal_error",
    ],
    [
      "an error Slack has not named",
      { body: { ok: false, error: "something_new" } },
      "post.rejected",
      "something_new",
    ],
  ])("reports %s as transient, without retrying", async (_, response, code, detail) => {
    const before = fake.requestsTo(...POST).length;
    fake.once(...POST, response);
    expect(await adapter().post(channel, await help())).toMatchObject({
      ok: false,
      error: { code, permanent: false, detail },
    });
    expect(fake.requestsTo(...POST)).toHaveLength(before + 1);
  });

  it("reports an unreachable API as transient", async () => {
    const gone = await startRecordingServer();
    const url = `${gone.url}/api/`;
    await gone.close();
    const result = await slackAdapter(postingClient(BOT_TOKEN, { apiUrl: url })).post(
      channel,
      await help(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "post.network", permanent: false } });
  });

  it("hands back a rate limit longer than it will wait, with the wait, instead of sleeping", async () => {
    const before = fake.requestsTo(...POST).length;
    fake.once(...POST, {
      status: 429,
      headers: { "retry-after": "120" },
      body: { ok: false, error: "ratelimited" },
    });
    expect(await adapter().post(channel, await help())).toEqual({
      ok: false,
      error: {
        code: "post.rate_limited",
        message: expect.any(String),
        permanent: false,
        retryAfterMs: 120_000,
      },
    });
    expect(fake.requestsTo(...POST)).toHaveLength(before + 1);
  });

  it("refuses a channel of another platform as permanent", async () => {
    const discord = { ...channel, platform: "discord" };
    expect(await adapter().post(discord, await help())).toMatchObject({
      ok: false,
      error: { code: "post.wrong_platform", permanent: true },
    });
  });

  it("escapes what it posts like what it answers", async () => {
    const reply = await replyTo("actor <!channel> @here <@U1>");
    await adapter().post(channel, reply);
    const posted = lastPost();
    if (!posted) throw new Error("nothing posted");
    expect(mentions(posted)).toEqual([]);
    expect(limitViolations(posted)).toEqual([]);
  });
});
