import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { discordAdapter } from "../../../src/adapters/discord/adapter.ts";
import { createRest } from "../../../src/adapters/discord/client.ts";
import { limitViolations } from "../../../src/adapters/discord/limits.ts";
import type { DiscordMessage } from "../../../src/adapters/discord/message.ts";
import { slotMarker } from "../../../src/adapters/discord/post.ts";
import type { Reply } from "../../../src/core/reply/schema.ts";
import type { ChannelRef } from "../../../src/ports/poster.ts";
import { type FakeChannels, serveChannels } from "../../support/discord-channels.ts";
import { apiPath, json } from "../../support/fake-discord.ts";
import { type RecordingServer, startRecordingServer } from "../../support/recording-server.ts";
import { replyTo } from "../../support/responder.ts";

// findPosted through real discord.js against a local REST that keeps and lists messages.

const CHANNEL = "930000000000000001";
const channel: ChannelRef = { platform: "discord", workspaceId: "G1", channelId: CHANNEL };
const MESSAGES = apiPath(`/channels/${CHANNEL}/messages`);
const DISCORD_EPOCH = 1_420_070_400_000;

describe("Discord: a keyed post's marker, read back from the channel", () => {
  let server: RecordingServer;
  let channels: FakeChannels;
  let reply: Reply;
  const adapter = () => discordAdapter(createRest({ apiUrl: `${server.url}/api`, token: "t" }));
  /** The `after` of every history read so far, as a time. */
  const readsFrom = () =>
    server.requestsTo("GET", MESSAGES).map((r) => {
      const after = new URL(r.url, "http://x").searchParams.get("after");
      return after === null ? null : Number(BigInt(after) >> 22n) + DISCORD_EPOCH;
    });

  beforeAll(async () => {
    reply = await replyTo("help");
  });
  beforeEach(async () => {
    server = await startRecordingServer();
    channels = serveChannels(server, [CHANNEL]);
  });
  /** Set by a test that closed the server itself. */
  let closed = false;
  afterEach(async () => {
    if (!closed) await server.close();
    closed = false;
  });

  it("marks a keyed post's footer, within Discord's limits, and finds it from the slot on", async () => {
    const slot = Date.now() - 5_000;
    const poster = adapter();
    const posted = await poster.post(channel, reply, { idempotencyKey: "sub:1" });
    if (!posted.ok) throw new Error(posted.error.message);
    const sent = json<DiscordMessage>(server.requestsTo("POST", MESSAGES)[0] ?? fail());
    expect(sent.embeds.at(-1)?.footer?.text).toMatch(/ · ref [0-9a-f]{12}$/);
    expect(sent.embeds.at(-1)?.footer?.text.endsWith(slotMarker("sub:1"))).toBe(true);
    expect(limitViolations(sent)).toEqual([]);
    expect(await poster.findPosted?.(channel, "sub:1", undefined, slot)).toEqual({
      kind: "found",
      messageId: posted.value.messageId,
    });
    expect(await poster.findPosted?.(channel, "sub:2", undefined, slot)).toEqual({
      kind: "absent",
    });
    // Read from a minute before the slot (clocks differ), 100 at a time; who the bot is, once.
    const [from] = readsFrom();
    expect(from).toBeGreaterThanOrEqual(slot - 61_000);
    expect(from).toBeLessThanOrEqual(slot - 59_000);
    expect(new URL(server.requestsTo("GET", MESSAGES)[0]?.url ?? "", "http://x").search).toMatch(
      /limit=100/,
    );
    expect(server.requestsTo("GET", apiPath("/users/@me"))).toHaveLength(1);
  });

  it("leaves an unkeyed post (an answer, a notice) unmarked", async () => {
    await adapter().post(channel, reply);
    const sent = json<DiscordMessage>(server.requestsTo("POST", MESSAGES)[0] ?? fail());
    expect(sent.embeds.at(-1)?.footer?.text).not.toMatch(/ref [0-9a-f]{12}$/);
  });

  it("trusts only the bot's own messages, and for a reply only one to that message", async () => {
    const poster = adapter();
    const original = await poster.post(channel, reply);
    if (!original.ok) throw new Error(original.error.message);
    // Someone else's message showing the same footer is not the bot's post.
    const copied = json<DiscordMessage>(server.requestsTo("POST", MESSAGES)[0] ?? fail());
    const footer = { text: `Factdesk · x · ${slotMarker("fix:1")}` };
    channels.add(CHANNEL, {
      author: { id: "940000000000000001", username: "mimic" },
      embeds: [{ ...copied.embeds[0], footer }],
      message_reference: { message_id: original.value.messageId },
    });
    expect(await poster.findPosted?.(channel, "fix:1", original.value.messageId)).toEqual({
      kind: "absent",
    });
    const fixed = await poster.post(channel, reply, {
      idempotencyKey: "fix:1",
      replyTo: original.value.messageId,
    });
    if (!fixed.ok) throw new Error(fixed.error.message);
    expect(await poster.findPosted?.(channel, "fix:1", original.value.messageId)).toEqual({
      kind: "found",
      messageId: fixed.value.messageId,
    });
    expect(await poster.findPosted?.(channel, "fix:1", "950000000000000001")).toEqual({
      kind: "absent",
    });
    // Without a slot time, the latest messages are read.
    expect(readsFrom()).toEqual([null, null, null]);
  });

  it("reads on past a busy channel's first hundred messages after the slot", async () => {
    const slot = Date.now() - 60_000;
    for (let i = 0; i < 150; i++) channels.add(CHANNEL, { content: `chatter ${i}` });
    const posted = await adapter().post(channel, reply, { idempotencyKey: "sub:busy" });
    if (!posted.ok) throw new Error(posted.error.message);
    expect(await adapter().findPosted?.(channel, "sub:busy", undefined, slot)).toEqual({
      kind: "found",
      messageId: posted.value.messageId,
    });
    expect(server.requestsTo("GET", MESSAGES)).toHaveLength(2);
  });

  it("cannot tell without Read Message History, for good; nor on a server error, for now", async () => {
    const poster = adapter();
    for (const code of [50001, 50013]) {
      channels.refuseNextRead(CHANNEL, { status: 403, body: { code, message: "Missing Access" } });
      expect(await poster.findPosted?.(channel, "sub:1", undefined, Date.now())).toEqual({
        kind: "unknown",
        message: String(code),
        lasting: true,
      });
    }
    // discord.js retries a 5xx a few times; every one fails here.
    const broken = { status: 503, body: "unavailable" };
    for (let i = 0; i < 4; i++) channels.refuseNextRead(CHANNEL, broken);
    const unavailable = await poster.findPosted?.(channel, "sub:1", undefined, Date.now());
    expect(unavailable).toMatchObject({ kind: "unknown" });
    expect(unavailable).not.toHaveProperty("lasting");
  });

  it("cannot tell when Discord cannot be reached, and says that a gone channel holds nothing", async () => {
    const gone = { ...channel, channelId: "930000000000000002" };
    server.route("GET", apiPath(`/channels/${gone.channelId}/messages`), {
      status: 404,
      body: { code: 10003, message: "Unknown Channel" },
    });
    expect(await adapter().findPosted?.(gone, "sub:1", undefined, Date.now())).toEqual({
      kind: "absent",
    });
    // Discord goes away after the bot learnt who it is.
    const poster = adapter();
    await poster.findPosted?.(channel, "sub:1", undefined, Date.now());
    await server.close();
    closed = true;
    const offline = await poster.findPosted?.(channel, "sub:1", undefined, Date.now());
    expect(offline).toMatchObject({ kind: "unknown" });
    expect(offline).not.toHaveProperty("lasting");
  });
});

function fail(): never {
  throw new Error("no request recorded");
}
