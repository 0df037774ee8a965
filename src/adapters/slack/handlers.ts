import type { App, BlockAction, ButtonAction, RespondArguments, RespondFn } from "@slack/bolt";
import { z } from "zod";
import type { Caller } from "../../commands/command.ts";
import type { Input, Responder } from "../../commands/responder.ts";
import type { Logger } from "../../log.ts";
import type { PostFailure, PostResult } from "../../ports/poster.ts";
import { ACTION, ANSWER_AGAIN, decodeButtonValue } from "./buttons.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { render, type SlackMessage, type SlackRenderOptions } from "./render.ts";

export interface SlackHandlerDeps {
  responder: Responder;
  /** Whether a user may change digests: a workspace admin or owner, or configured. */
  canManage(teamId: string, userId: string): Promise<boolean>;
  /** The slash command, e.g. "/factdesk". */
  command: string;
  /** Posts a message visibly to a channel (Share, and answers to mentions), in a thread if given. */
  post(channelId: string, message: SlackMessage, threadTs?: string): Promise<PostResult>;
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

function shareFailure(failure: PostFailure): RespondArguments {
  if (failure.code === "post.not_in_channel" || failure.code === "post.channel_not_found") {
    return notice(
      "Factdesk cannot post in this conversation. Add the app to it (channel details, Integrations, Add apps) and share again.",
    );
  }
  const when = failure.permanent ? "" : " Try again in a moment.";
  return notice(`Sharing failed (${failure.detail ?? failure.code}).${when}`);
}

// What the handlers read of each payload, checked before use: a signed request can still carry
// fields of the wrong type (text as a number, null, an object, or sent twice as a list).
const SlashCommand = z.object({
  text: z.string().default(""),
  team_id: z.string(),
  channel_id: z.string(),
  user_id: z.string(),
});
const ThreadMessage = z.object({
  text: z.string().default(""),
  channel: z.string(),
  user: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
});
const ButtonValue = z.string();
const buttonValue = (value: unknown) => {
  const raw = ButtonValue.safeParse(value);
  return raw.success ? decodeButtonValue(raw.data) : null;
};

const UNREADABLE =
  "Factdesk could not read that request: its text did not arrive as plain text. Type the command again; if it keeps happening, tell whoever runs Factdesk.";

/** A user mention, as in "<@U0BOT> how many…": the bot's own name is not part of the question. */
const MENTION = /<@[A-Z0-9]+(?:\|[^>]*)?>/g;

/** Slack sends &, < and > in slash-command text as HTML entities; the core wants the text. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Registers the slash command and the buttons. Transport only: answers come from the core. */
export function registerHandlers(app: App, deps: SlackHandlerDeps): void {
  const { log, responder } = deps;
  const noticeOf = (kind: "expired" | "failed") => ephemeral(render(responder.notice(kind)), false);

  // Buttons ask their command text again as the clicker; the responder gives a click no right to
  // change anything.
  const answer = async (
    input: Input,
    options: SlackRenderOptions,
    where: ButtonClick,
    madeFrom: number | undefined,
    via: "button" | "share" = "button",
  ) => {
    const caller: Caller = {
      platform: "slack",
      workspaceId: where.team?.id ?? "unknown",
      channelId: where.channel?.id ?? where.container?.channel_id ?? "unknown",
      userId: where.user.id,
      canManage: async () => false,
    };
    const { reply, reask, seq, shared } = await responder.answer({
      caller,
      input,
      via,
      ...(madeFrom ? { madeFrom } : {}),
    });
    const actions =
      reask === null ? undefined : { text: reask, share: options.actions?.share ?? true, seq };
    return { reply, shared, message: render(reply, { ...options, actions }) };
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
      response = noticeOf("failed");
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
      const read = SlashCommand.safeParse(command);
      if (!read.success) {
        log.warn({ issues: read.error.issues.length }, "slack command payload of the wrong shape");
        return notice(UNREADABLE);
      }
      const { team_id, channel_id, user_id } = read.data;
      const caller: Caller = {
        platform: "slack",
        workspaceId: team_id,
        channelId: channel_id,
        userId: user_id,
        canManage: () => deps.canManage(team_id, user_id),
      };
      const text = decodeEntities(read.data.text);
      const { reply, reask, seq } = await responder.answer({ caller, input: { text } });
      const actions = reask === null ? undefined : { text: reask, share: true, seq };
      return ephemeral(render(reply, { actions }), false);
    });
  });

  // A mention in a channel, or a direct message, is asked like the slash command's text; the
  // answer goes to the thread it was asked in, visibly, since the question was.
  const answerInThread = async (
    where: { team?: string; channel: string; user: string; ts: string; thread?: string },
    text: string,
  ) => {
    const caller: Caller = {
      platform: "slack",
      workspaceId: where.team ?? "unknown",
      channelId: where.channel,
      userId: where.user,
      canManage: () => deps.canManage(where.team ?? "unknown", where.user),
    };
    try {
      const { reply, reask, seq } = await responder.answer({ caller, input: { text } });
      const actions = reask === null ? undefined : { text: reask, share: false, seq };
      const result = await deps.post(
        where.channel,
        render(reply, { actions }),
        where.thread ?? where.ts,
      );
      if (!result.ok)
        log.warn({ code: result.error.code, detail: result.error.detail }, "mention answer failed");
    } catch (err) {
      log.error({ err }, "slack mention failed");
    }
  };

  /** The event's fields checked; a misshapen one gets a note in its thread when it has one. */
  const readThreadMessage = async (event: unknown) => {
    const read = ThreadMessage.safeParse(event);
    if (read.success) return read.data;
    log.warn({ issues: read.error.issues.length }, "slack event payload of the wrong shape");
    const where = event as { channel?: unknown; ts?: unknown };
    if (typeof where.channel === "string" && typeof where.ts === "string") {
      const text = escapeMrkdwn(UNREADABLE);
      await deps
        .post(
          where.channel,
          { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] },
          where.ts,
        )
        .catch((err: unknown) => log.warn({ err }, "slack notice failed"));
    }
    return null;
  };

  app.event("app_mention", async ({ event, body }) => {
    if (!event.user) return;
    const read = await readThreadMessage(event);
    if (!read) return;
    await answerInThread(
      {
        team: body.team_id,
        channel: read.channel,
        user: read.user,
        ts: read.ts,
        thread: read.thread_ts,
      },
      decodeEntities(read.text.replace(MENTION, " ")),
    );
  });

  app.message(async ({ message, body }) => {
    // Only a person's own words in a direct message: never the bot's, nor edits and joins.
    if (message.channel_type !== "im" || message.subtype !== undefined || !("user" in message))
      return;
    if (!message.user || "bot_id" in message) return;
    const read = await readThreadMessage(message);
    if (!read) return;
    await answerInThread(
      {
        team: body.team_id,
        channel: read.channel,
        user: read.user,
        ts: read.ts,
        thread: read.thread_ts,
      },
      decodeEntities(read.text),
    );
  });

  app.action<ButtonClick>(ANSWER_AGAIN, async ({ action, body, ack, respond }) => {
    await ack();
    await respondWith(respond, async () => {
      const value = buttonValue(action.value);
      if (!value) return noticeOf("expired");
      const { message } = await answer(
        { text: value.text },
        { showQuotes: value.quotes },
        body,
        value.v,
      );
      // In the asker's own ephemeral answer, answer in place; on a shared message, answer only
      // the person who clicked, leaving the channel's copy as it is.
      return ephemeral(message, body.container?.is_ephemeral === true);
    });
  });

  app.action<ButtonClick>(ACTION.share, async ({ action, body, ack, respond }) => {
    await ack();
    await respondWith(respond, async () => {
      const value = buttonValue(action.value);
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!value || typeof channel !== "string") return noticeOf("expired");
      const sharedBy = body.user.name ?? body.user.username;
      const { reply, shared, message } = await answer(
        { text: value.text },
        { showQuotes: value.quotes, sharedBy, actions: { text: value.text, share: false } },
        body,
        value.v,
        "share",
      );
      // Errors stay ephemeral: only an answer is ever shared.
      if (!reply.ok) return ephemeral(message, true);
      const result = await deps.post(channel, message);
      if (result.ok) {
        await shared?.(result.value.messageId);
        return { delete_original: true };
      }
      const { code, detail, permanent } = result.error;
      log.warn({ code, detail, permanent }, "share failed");
      return shareFailure(result.error);
    });
  });
}
