import { createHmac } from "node:crypto";
import { pino } from "pino";
import type { Adapter } from "../../src/adapters/adapter.ts";
import { slackAdapter } from "../../src/adapters/slack/adapter.ts";
import { parseSlackConfig } from "../../src/adapters/slack/config.ts";
import { postingClient } from "../../src/adapters/slack/post.ts";
import type { SlackMessage } from "../../src/adapters/slack/render.ts";
import { type RunningSlack, startSlack } from "../../src/adapters/slack/start.ts";
import type { DigestService } from "../../src/ports/digest-service.ts";
import { bundledSnapshot } from "./corpus.ts";
import {
  type RecordedRequest,
  type RecordingServer,
  startRecordingServer,
} from "./recording-server.ts";
import { testResponder } from "./responder.ts";

// Slack's side of the wire for tests: a fake Web API, signed requests as Slack sends them, and
// decoding of what Factdesk sent back.

export const SIGNING_SECRET = "test-signing-secret";
export const BOT_TOKEN = "xoxb-fake";
export const silentLog = pino({ level: "silent" });

/** A message the fake Web API keeps, as conversations.history and .replies list it. */
export interface SlackStoredMessage {
  ts: string;
  /** The thread it replies in; absent for a message in the channel. */
  thread_ts?: string;
  text: string;
  metadata?: { event_type: string; event_payload: unknown };
}

/** The fake Web API: it keeps what is posted and lists it back as Slack does. */
export interface FakeSlackApi extends RecordingServer {
  /** A channel's messages, oldest first, replies included. */
  messages(channel: string): SlackStoredMessage[];
  /** Deletes a message as someone in the channel would. */
  remove(channel: string, ts: string): void;
  /** Puts a message in a channel as someone else would have, now. */
  add(channel: string, message?: Partial<SlackStoredMessage>): SlackStoredMessage;
}

/** Messages a history page holds when the call names no limit (Slack's default). */
const DEFAULT_LIMIT = 100;

/**
 * A recording server answering auth.test, chat.postMessage, chat.delete, conversations.history
 * and conversations.replies as Slack would, from the messages it was sent. As on Slack, a reply to
 * a deleted message that had no replies is posted to the channel unthreaded (its answer names no
 * thread_ts); a deleted parent with replies stays a thread. A parent the fake never saw is taken
 * for someone else's message. History lists the channel newest first, from `oldest` on, `limit`
 * at a time, with a cursor to the next page. Timestamps count up from 1700000000.1, or with `now`
 * are that clock's seconds with a counter, as Slack's are.
 */
export async function startFakeSlackApi(
  options: { now?: () => number } = {},
): Promise<FakeSlackApi> {
  const api = await startRecordingServer();
  const channels = new Map<string, SlackStoredMessage[]>();
  const deleted = new Set<string>();
  const kept = (channel: string) => channels.get(channel) ?? [];
  const gone = (channel: string, ts: string) =>
    deleted.has(`${channel}/${ts}`) && !kept(channel).some((m) => m.thread_ts === ts);
  const remove = (channel: string, ts: string) => {
    channels.set(
      channel,
      kept(channel).filter((m) => m.ts !== ts),
    );
    deleted.add(`${channel}/${ts}`);
  };
  api.route("POST", "/api/auth.test", (req) =>
    new URLSearchParams(req.body).get("token") === BOT_TOKEN
      ? { body: { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "factdesk" } }
      : { body: { ok: false, error: "invalid_auth" } },
  );
  let count = 0;
  const { now } = options;
  const mint = () =>
    now
      ? `${Math.floor(now() / 1000)}.${String(++count).padStart(6, "0")}`
      : `1700000000.${++count}`;
  const add = (channel: string, message: Partial<SlackStoredMessage> = {}) => {
    const full: SlackStoredMessage = { ts: mint(), text: "", ...message };
    channels.set(channel, [...kept(channel), full]);
    return full;
  };
  api.route("POST", "/api/chat.postMessage", (req) => {
    const call = apiCallOf(req);
    const channel = String(call.channel);
    const thread = typeof call.thread_ts === "string" ? call.thread_ts : undefined;
    const message = add(channel, {
      ...(thread && !gone(channel, thread) ? { thread_ts: thread } : {}),
      text: call.text,
      ...(call.metadata ? { metadata: call.metadata as SlackStoredMessage["metadata"] } : {}),
    });
    return {
      body: { ok: true, channel, ts: message.ts, message: { type: "message", ...message } },
    };
  });
  api.route("POST", "/api/chat.delete", (req) => {
    const params = new URLSearchParams(req.body);
    const [channel, ts] = [params.get("channel") ?? "", params.get("ts") ?? ""];
    if (!kept(channel).some((m) => m.ts === ts)) {
      return { body: { ok: false, error: "message_not_found" } };
    }
    remove(channel, ts);
    return { body: { ok: true, channel, ts } };
  });
  api.route("POST", "/api/conversations.history", (req) => {
    const params = new URLSearchParams(req.body);
    const oldest = Number(params.get("oldest") ?? 0);
    const limit = Number(params.get("limit") ?? DEFAULT_LIMIT);
    const from = Number(params.get("cursor") ?? 0);
    const listed = kept(params.get("channel") ?? "")
      .filter((m) => !m.thread_ts && Number(m.ts) >= oldest)
      .reverse();
    const page = listed.slice(from, from + limit);
    const more = from + limit < listed.length;
    return {
      body: {
        ok: true,
        messages: page,
        has_more: more,
        response_metadata: { next_cursor: more ? String(from + limit) : "" },
      },
    };
  });
  api.route("POST", "/api/conversations.replies", (req) => {
    const params = new URLSearchParams(req.body);
    const channel = params.get("channel") ?? "";
    const parent = params.get("ts") ?? "";
    const replies = kept(channel).filter((m) => m.thread_ts === parent);
    const head = kept(channel).find((m) => m.ts === parent);
    if (!head && replies.length === 0) return { body: { ok: false, error: "thread_not_found" } };
    return { body: { ok: true, messages: [head ?? { ts: parent }, ...replies], has_more: false } };
  });
  return {
    ...api,
    messages: (channel) => [...kept(channel)],
    remove,
    add,
  };
}

/** The env startSlack needs to run over HTTP against the fake API on a free port. */
export function testEnv(api: RecordingServer): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: "0",
    SLACK_API_URL: `${api.url}/api/`,
  };
}

/** The real Slack app on the bundled corpus, configured by `env`, digests going to `digests`. */
export async function startTestSlack(
  env: Record<string, string>,
  digests: DigestService | null = null,
): Promise<RunningSlack> {
  const config = parseSlackConfig(env);
  if (!config.ok) throw new Error(config.error.message);
  const responder = testResponder(await bundledSnapshot(), digests);
  return startSlack({ config: config.value, responder, log: silentLog });
}

/** The Slack adapter posting to the fake Web API, as the composition root builds it. */
export function testSlackAdapter(api: RecordingServer): Adapter<SlackMessage> {
  return slackAdapter(postingClient(BOT_TOKEN, { apiUrl: `${api.url}/api/` }));
}

/** Slack's signature: v0= + hex HMAC-SHA256 of "v0:<timestamp>:<raw body>". */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** POSTs a form body to the app as Slack does, signed unless told otherwise. */
export function sendSigned(
  url: string,
  body: string,
  {
    timestamp = nowSeconds(),
    signature,
    type = "application/x-www-form-urlencoded",
  }: { timestamp?: number; signature?: string; type?: string } = {},
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": type,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature ?? sign(body, timestamp),
    },
    body,
  });
}

/** An Events API callback as Slack sends it, for an app_mention or a direct message. */
export function eventBody(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: nowSeconds(),
    event,
  });
}

export function slashCommandBody(text: string, responseUrl: string, command = "/factdesk"): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T1",
    team_domain: "newsroom",
    channel_id: "C1",
    channel_name: "desk",
    user_id: "U1",
    user_name: "alice",
    command,
    text,
    api_app_id: "A1",
    response_url: responseUrl,
    trigger_id: "1.2.3",
  }).toString();
}

/** A block_actions interaction for a click on `button`, as Slack posts it (form field "payload"). */
export function buttonClickBody(
  button: { action_id?: string; value?: string },
  responseUrl: string,
  { ephemeral = true, user = { id: "U1", username: "alice", name: "alice" } } = {},
): string {
  const payload = {
    type: "block_actions",
    team: { id: "T1", domain: "newsroom" },
    user: { ...user, team_id: "T1" },
    api_app_id: "A1",
    token: "legacy-verification-token",
    container: {
      type: "message",
      message_ts: "1700000000.1",
      channel_id: "C1",
      is_ephemeral: ephemeral,
    },
    trigger_id: "1.2.3",
    channel: { id: "C1", name: "desk" },
    response_url: responseUrl,
    actions: [
      {
        type: "button",
        block_id: "b1",
        action_ts: "1700000001.1",
        text: { type: "plain_text", text: "x" },
        ...button,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** What a response_url received: Slack's message plus the response flags. */
export type ResponsePayload = SlackMessage & {
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
};

export const responseOf = (req: RecordedRequest) => JSON.parse(req.body) as ResponsePayload;

/** A chat.postMessage call as the Web API client form-encodes it, objects JSON-decoded. */
export function apiCallOf(req: RecordedRequest): Record<string, unknown> & SlackMessage {
  const form = Object.fromEntries(new URLSearchParams(req.body));
  const decoded: Record<string, unknown> = { ...form };
  for (const key of ["blocks", "metadata"]) {
    if (form[key] !== undefined) decoded[key] = JSON.parse(form[key]);
  }
  return decoded as Record<string, unknown> & SlackMessage;
}

export function buttons(message: SlackMessage) {
  return message.blocks
    .flatMap((b) => (b.type === "actions" ? b.elements : []))
    .filter((e) => e.type === "button");
}

/**
 * Makes the fake API hold its answer to the next chat.postMessage until the returned function is
 * called: the post has reached Slack, but the poster has not heard back.
 */
export function holdNextPost(
  api: RecordingServer,
  answer: { channel: string; ts: string },
): () => void {
  let release: () => void = () => {};
  api.once(
    "POST",
    "/api/chat.postMessage",
    () =>
      new Promise((resolve) => {
        release = () => resolve({ body: { ok: true, ...answer } });
      }),
  );
  return () => release();
}
