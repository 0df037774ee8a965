import type { APIEmbed } from "discord.js";
import { apiPath, json } from "./fake-discord.ts";
import type { CannedResponse, RecordingServer } from "./recording-server.ts";

/** The bot's user id on the fake REST (what GET /users/@me answers). */
export const BOT_USER_ID = "910000000000000001";

/** Discord's epoch, written out here apart from the code under test so a wrong one shows. */
const EPOCH = 1_420_070_400_000n;

export interface StoredMessage {
  id: string;
  channel_id: string;
  author: { id: string; username: string; bot?: boolean };
  content: string;
  embeds: APIEmbed[];
  message_reference?: { message_id: string };
}

/** Channels on a fake Discord REST that keep what is posted and list it back as Discord does. */
export interface FakeChannels {
  /** The messages of a channel, oldest first. */
  messages(channelId: string): StoredMessage[];
  /** Puts a message in a channel as someone else (or the bot) would have, now. */
  add(channelId: string, message: Partial<StoredMessage>): StoredMessage;
  /** Answers the next history read of a channel with this instead (a refusal, a 5xx). */
  refuseNextRead(channelId: string, response: CannedResponse): void;
  /** Deletes a message as someone in the channel would. */
  remove(channelId: string, messageId: string): void;
}

/** Discord's answer to a reply whose message_reference names a message that is not there. */
export const UNKNOWN_REFERENCE: CannedResponse = {
  status: 400,
  body: {
    code: 50035,
    message: "Invalid Form Body",
    errors: {
      message_reference: {
        _errors: [{ code: "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", message: "Unknown message" }],
      },
    },
  },
};

/**
 * Serves POST and GET /channels/{id}/messages for `channelIds`, DELETE of each message, and GET
 * /users/@me. Ids are snowflakes of the real clock with an increment, as Discord mints them; a
 * read honours `after` and `limit` (at most 100) and lists newest first, as Discord does. A reply
 * to a message not in the channel (deleted) is refused as Discord refuses it, unless it says
 * fail_if_not_exists: false (then it is posted unattached).
 */
export function serveChannels(
  server: RecordingServer,
  channelIds: readonly string[],
): FakeChannels {
  const stored = new Map<string, StoredMessage[]>(channelIds.map((id) => [id, []]));
  let increment = 0n;
  const mint = () => String(((BigInt(Date.now()) - EPOCH) << 22n) + (increment++ % 4096n));
  const add = (channelId: string, message: Partial<StoredMessage>): StoredMessage => {
    const full: StoredMessage = {
      id: mint(),
      channel_id: channelId,
      author: { id: BOT_USER_ID, username: "Factdesk", bot: true },
      content: "",
      embeds: [],
      ...message,
    };
    stored.get(channelId)?.push(full);
    server.route("DELETE", apiPath(`/channels/${channelId}/messages/${full.id}`), () => {
      if (!held(channelId, full.id))
        return { status: 404, body: { code: 10008, message: "Unknown Message" } };
      remove(channelId, full.id);
      return { status: 204, body: "" };
    });
    return full;
  };
  const held = (channelId: string, id: string) =>
    (stored.get(channelId) ?? []).some((m) => m.id === id);
  const remove = (channelId: string, id: string) => {
    stored.set(
      channelId,
      (stored.get(channelId) ?? []).filter((m) => m.id !== id),
    );
  };
  server.route("GET", apiPath("/users/@me"), {
    body: { id: BOT_USER_ID, username: "Factdesk", bot: true },
  });
  for (const channelId of channelIds) {
    const path = apiPath(`/channels/${channelId}/messages`);
    server.route("POST", path, (request) => {
      const body = json<{
        embeds?: APIEmbed[];
        message_reference?: { message_id: string; fail_if_not_exists?: boolean };
      }>(request);
      const reference = body.message_reference;
      const attached = reference !== undefined && held(channelId, reference.message_id);
      if (reference && !attached && reference.fail_if_not_exists !== false) {
        return UNKNOWN_REFERENCE;
      }
      const message = add(channelId, {
        embeds: body.embeds ?? [],
        ...(reference && attached
          ? { message_reference: { message_id: reference.message_id } }
          : {}),
      });
      return { body: message };
    });
    server.route("GET", path, (request) => {
      const query = new URL(request.url, "http://localhost").searchParams;
      const after = BigInt(query.get("after") ?? "0");
      const limit = Math.min(Number(query.get("limit") ?? 50), 100);
      const all = stored.get(channelId) ?? [];
      // With `after`, the oldest messages after it; without, the newest; newest first either way.
      const newer = all.filter((m) => BigInt(m.id) > after);
      const page = query.has("after") ? newer.slice(0, limit) : newer.slice(-limit);
      return { body: page.reverse() };
    });
  }
  return {
    messages: (channelId) => [...(stored.get(channelId) ?? [])],
    add,
    refuseNextRead(channelId, response) {
      server.once("GET", apiPath(`/channels/${channelId}/messages`), response);
    },
    remove,
  };
}
