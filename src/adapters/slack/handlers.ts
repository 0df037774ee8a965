import type { App, BlockAction, ButtonAction, RespondArguments, RespondFn } from "@slack/bolt";
import type { Reply } from "../../core/answer/schema.ts";
import type { Corpus } from "../../core/corpus/types.ts";
import type { Logger } from "../../log.ts";
import type { Responder } from "../../respond.ts";
import type { PostResult } from "../adapter.ts";
import { ACTION, ANSWER_AGAIN, decodeButtonValue } from "./buttons.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { render, type SlackMessage, type SlackRenderOptions } from "./render.ts";

export interface SlackHandlerDeps {
  corpus: Corpus;
  /** Answers the slash command's text, digest commands included. */
  respond: Responder;
  /** Whether a user may change digests: a workspace admin or owner, or configured. */
  canManage(teamId: string, userId: string): Promise<boolean>;
  /** The slash command, e.g. "/factdesk". */
  command: string;
  /** Posts a message visibly to a channel (the Share button). */
  post(channelId: string, message: SlackMessage): Promise<PostResult>;
  log: Logger;
}

type ButtonClick = BlockAction<ButtonAction>;

const ephemeral = (message: SlackMessage, replaceOriginal: boolean): RespondArguments => ({
  response_type: "ephemeral",
  replace_original: replaceOriginal,
  ...message,
});

const notice = (text: string): RespondArguments => ({
  response_type: "ephemeral",
  replace_original: false,
  text: escapeMrkdwn(text),
});

const EXPIRED = notice("That button no longer works. Ask again with the slash command.");
const FAILED = notice("Something went wrong answering that. It has been logged.");

function shareFailure(result: Extract<PostResult, { ok: false }>): RespondArguments {
  if (result.code === "not_in_channel" || result.code === "channel_not_found") {
    return notice(
      "Factdesk cannot post in this conversation. Add the app to it (channel details, Integrations, Add apps) and share again.",
    );
  }
  const when = result.permanent ? "" : " Try again in a moment.";
  return notice(`Sharing failed (${result.code}).${when}`);
}

/** Slack sends &, < and > in slash-command text as HTML entities; the core wants the text. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Registers the slash command and the buttons. Transport only: answers come from the core. */
export function registerHandlers(app: App, deps: SlackHandlerDeps): void {
  const { log } = deps;

  const logged = (reply: Reply) => {
    if (reply.error?.code === "internal") log.error({ query: reply.query }, "command failed");
    else log.info({ command: reply.command, ok: reply.ok, code: reply.error?.code }, "answered");
    return reply;
  };
  // Buttons answer their command text again as the clicker asked it, but never with the right
  // to change a digest: a click must not subscribe or unsubscribe anything.
  const answer = async (text: string, options: SlackRenderOptions, where: ButtonClick) => {
    const ctx = {
      platform: "slack",
      workspaceId: where.team?.id ?? "unknown",
      channelId: where.channel?.id ?? where.container?.channel_id ?? "unknown",
      userId: where.user.id,
      canManage: async () => false,
    };
    const reply = logged(await deps.respond(ctx, { text }));
    return { reply, message: render(reply, options) };
  };

  // Whatever goes wrong after the ack, the user gets a short ephemeral note, never silence. The
  // response is read to the end so the connection to Slack is reused, not left to the collector.
  const respondWith = async (
    respond: RespondFn,
    work: () => Promise<RespondArguments> | RespondArguments,
  ) => {
    let response: RespondArguments;
    try {
      response = await work();
    } catch (err) {
      log.error({ err }, "slack handler failed");
      response = FAILED;
    }
    try {
      await (await respond(response)).text();
    } catch (err) {
      log.warn({ err }, "response_url refused the answer");
    }
  };

  app.command(deps.command, async ({ command, ack, respond }) => {
    // Slack waits three seconds for the ack; the answer follows through response_url.
    await ack();
    await respondWith(respond, async () => {
      const ctx = {
        platform: "slack",
        workspaceId: command.team_id,
        channelId: command.channel_id,
        userId: command.user_id,
        canManage: () => deps.canManage(command.team_id, command.user_id),
      };
      const text = decodeEntities(command.text);
      const reply = logged(await deps.respond(ctx, { text }));
      // A digest command changes state, so its reply carries no button that would run it again.
      const actions = reply.command === "digest" ? undefined : { text, share: true };
      return ephemeral(render(reply, { actions }), false);
    });
  });

  app.action<ButtonClick>(ANSWER_AGAIN, async ({ action, body, ack, respond }) => {
    await ack();
    await respondWith(respond, async () => {
      const value = decodeButtonValue(action.value);
      if (!value) return EXPIRED;
      const options = { showQuotes: value.quotes, actions: { text: value.text, share: true } };
      const { message } = await answer(value.text, options, body);
      // In the asker's own ephemeral answer, answer in place; on a shared message, answer only
      // the person who clicked, leaving the channel's copy as it is.
      return ephemeral(message, body.container?.is_ephemeral === true);
    });
  });

  app.action<ButtonClick>(ACTION.share, async ({ action, body, ack, respond }) => {
    await ack();
    await respondWith(respond, async () => {
      const value = decodeButtonValue(action.value);
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!value || typeof channel !== "string") return EXPIRED;
      const sharedBy = body.user.name ?? body.user.username;
      const { reply, message } = await answer(
        value.text,
        { showQuotes: value.quotes, sharedBy, actions: { text: value.text, share: false } },
        body,
      );
      // Errors stay ephemeral: only an answer is ever shared.
      if (!reply.ok) return ephemeral(message, true);
      const result = await deps.post(channel, message);
      if (result.ok) return { delete_original: true };
      log.warn({ code: result.code, permanent: result.permanent }, "share failed");
      return shareFailure(result);
    });
  });
}
