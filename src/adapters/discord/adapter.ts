import { type REST, Routes } from "discord.js";
import { fail, ok } from "../../core/result.ts";
import { otherPlatform } from "../../ports/poster.ts";
import type { Adapter } from "../adapter.ts";
import type { DiscordMessage } from "./message.ts";
import { findPosted, postFailure, postMessage, selfId, slotMarker } from "./post.ts";
import { render } from "./render.ts";

/**
 * Discord as a platform: embeds for rendering, channel messages over REST for posting, and the
 * channel's recent messages for telling whether a slot was posted.
 */
export function discordAdapter(rest: REST): Adapter<DiscordMessage> {
  const self = selfId(rest);
  return {
    platform: "discord",
    render: (reply, options) => render(reply, options),
    async post(channel, reply, options) {
      // A keyed post (digest, correction) carries its key's marker, so findPosted can read it back.
      const key = options?.idempotencyKey;
      const message = render(reply, key === undefined ? {} : { marker: slotMarker(key) });
      return (
        otherPlatform(channel, "discord") ?? postMessage(rest, channel.channelId, message, options)
      );
    },
    findPosted: (channel, key, replyTo, since) =>
      findPosted(rest, self, channel.channelId, key, replyTo, since),
    async deleteMessage(channel, messageId) {
      try {
        await rest.delete(Routes.channelMessage(channel.channelId, messageId));
        return ok(undefined);
      } catch (err) {
        return fail(postFailure(err));
      }
    },
    async notifyUser(_workspaceId, userId, reply) {
      try {
        // A direct message goes to the DM channel Discord opens (or returns) for the user.
        const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
          id: string;
        };
        return postMessage(rest, dm.id, render(reply));
      } catch (err) {
        return fail(postFailure(err));
      }
    },
  };
}
