import type { webApi } from "@slack/bolt";
import { otherPlatform } from "../../ports/poster.ts";
import type { Adapter } from "../adapter.ts";
import { deleteMessage, findPosted, postMessage } from "./post.ts";
import { render, type SlackMessage } from "./render.ts";

/** Slack's Adapter: renders replies as Block Kit and posts them with the given client. */
export function slackAdapter(client: webApi.WebClient): Adapter<SlackMessage> {
  return {
    platform: "slack",
    render: (reply, options) => render(reply, options),
    async post(channel, reply, options) {
      return (
        otherPlatform(channel, "slack") ??
        postMessage(client, channel.channelId, render(reply), options)
      );
    },
    findPosted: (channel, key, replyTo, since) =>
      findPosted(client, channel.channelId, key, replyTo, since),
    deleteMessage: (channel, ts) => deleteMessage(client, channel.channelId, ts),
    // Posting to a user id lands in the app's direct messages with that user.
    notifyUser: (_workspaceId, userId, reply) => postMessage(client, userId, render(reply)),
  };
}
