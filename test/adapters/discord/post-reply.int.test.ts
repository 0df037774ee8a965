import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordAdapter } from "../../../src/adapters/discord/adapter.ts";
import { createRest } from "../../../src/adapters/discord/client.ts";
import type { Reply } from "../../../src/core/reply/schema.ts";
import type { ChannelRef } from "../../../src/ports/poster.ts";
import { type FakeChannels, serveChannels } from "../../support/discord-channels.ts";
import { apiPath } from "../../support/fake-discord.ts";
import { type RecordingServer, startRecordingServer } from "../../support/recording-server.ts";
import { replyTo } from "../../support/responder.ts";

// A reply to a message that was deleted, through real discord.js: Discord refuses the form.
describe("Discord: a reply to a deleted message", () => {
  const CHANNEL = "960000000000000001";
  const channel: ChannelRef = { platform: "discord", workspaceId: "G1", channelId: CHANNEL };
  let server: RecordingServer;
  let channels: FakeChannels;
  let reply: Reply;
  const adapter = () => discordAdapter(createRest({ apiUrl: `${server.url}/api`, token: "t" }));

  beforeAll(async () => {
    server = await startRecordingServer();
    channels = serveChannels(server, [CHANNEL]);
    reply = await replyTo("sources");
  });
  afterAll(() => server.close());

  it("is a reply to a message that is there, and says the original is gone once it was deleted", async () => {
    const original = await adapter().post(channel, reply);
    if (!original.ok) throw new Error(original.error.message);
    const answer = await adapter().post(channel, reply, { replyTo: original.value.messageId });
    expect(answer.ok).toBe(true);
    expect(channels.messages(CHANNEL).at(-1)?.message_reference).toEqual({
      message_id: original.value.messageId,
    });
    channels.remove(CHANNEL, original.value.messageId);
    expect(await adapter().post(channel, reply, { replyTo: original.value.messageId })).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: "post.original_gone",
        permanent: true,
        detail: "50035",
      }),
    });
    expect(channels.messages(CHANNEL)).toHaveLength(1);
  });

  it("keeps any other refused form an invalid message", async () => {
    server.once("POST", apiPath(`/channels/${CHANNEL}/messages`), {
      status: 400,
      body: {
        code: 50035,
        message: "Invalid Form Body",
        errors: { embeds: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Too long" }] } },
      },
    });
    expect(await adapter().post(channel, reply)).toMatchObject({
      ok: false,
      error: { code: "post.invalid_message", permanent: true },
    });
  });
});
