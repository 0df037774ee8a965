import { type REST, Routes } from "discord.js";
import { fail, ok } from "../../core/result.ts";
import { otherPlatform } from "../../ports/poster.ts";
import type { Adapter } from "../adapter.ts";
import type { DiscordMessage } from "./message.ts";
import { postFailure, postMessage } from "./post.ts";
import { render } from "./render.ts";

/** Discord as a platform: embeds for rendering, channel messages over REST for posting. */
export function discordAdapter(rest: REST): Adapter<DiscordMessage> {
  return {
    platform: "discord",
    render: (reply, options) => render(reply, options),
    async post(channel, reply, options) {
      return (
        otherPlatform(channel, "discord") ??
        postMessage(rest, channel.channelId, render(reply), options)
      );
    },
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
