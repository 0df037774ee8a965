import { setTimeout as sleep } from "node:timers/promises";
import { webApi } from "@slack/bolt";
import type { Code } from "../../core/codes.ts";
import { fail, ok, type Result } from "../../core/result.ts";
import type { FindResult, PostFailure, PostOptions, PostResult } from "../../ports/poster.ts";
import { CLOCK_SKEW_MS, HISTORY_PAGE, HISTORY_PAGES } from "../history.ts";
import type { SlackMessage } from "./render.ts";

/** Slack errors that retrying the same post cannot fix, by what they mean. */
const PERMANENT: Readonly<Record<string, Code<"post">>> = {
  channel_not_found: "post.channel_not_found",
  not_in_channel: "post.not_in_channel",
  is_archived: "post.channel_archived",
  account_inactive: "post.auth",
  invalid_auth: "post.auth",
  not_authed: "post.auth",
  token_revoked: "post.auth",
  token_expired: "post.auth",
  missing_scope: "post.missing_permission",
  no_permission: "post.missing_permission",
  restricted_action: "post.missing_permission",
  restricted_action_read_only_channel: "post.missing_permission",
  restricted_action_thread_only_channel: "post.missing_permission",
  restricted_action_non_threadable_channel: "post.missing_permission",
  team_access_not_granted: "post.missing_permission",
  ekm_access_denied: "post.missing_permission",
  org_login_required: "post.missing_permission",
  invalid_blocks: "post.invalid_message",
  invalid_blocks_format: "post.invalid_message",
  invalid_metadata_format: "post.invalid_message",
  invalid_metadata_schema: "post.invalid_message",
  metadata_too_large: "post.invalid_message",
  msg_too_long: "post.invalid_message",
  no_text: "post.invalid_message",
  too_many_attachments: "post.invalid_message",
  invalid_arguments: "post.invalid_message",
  // A reply whose parent is gone (Slack mostly posts it unthreaded instead: see postMessage).
  message_not_found: "post.original_gone",
  thread_not_found: "post.original_gone",
};
/** Slack errors that say the fault is on Slack's side; other unknown errors are "rejected". */
const SERVER_SIDE = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);
const RATE_LIMITED = new Set(["ratelimited", "rate_limited"]);

/** Rate-limit waits a post sits out itself; past them, or past the longest wait, the caller retries. */
const RATE_LIMIT_RETRIES = 2;
const LONGEST_WAIT_MS = 30_000;
const DEFAULT_RETRY_AFTER_MS = 1_000;
const POST_TIMEOUT_MS = 10_000;

/** Event type of the metadata that tags a post with its idempotency key. */
export const POST_EVENT_TYPE = "factdesk_post";

/**
 * A Web API client for posting. It neither retries nor waits on its own (the default client
 * retries for half an hour), so post() decides: rate limits are waited out, the rest is reported.
 */
export function postingClient(
  botToken: string,
  options: { apiUrl?: string; logger?: webApi.Logger } = {},
): webApi.WebClient {
  return new webApi.WebClient(botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: POST_TIMEOUT_MS,
  });
}

function classify(err: unknown): PostFailure {
  const coded = err as { code?: string; message?: string };
  const message = coded.message ?? String(err);
  switch (coded.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const { retryAfter } = err as webApi.WebAPIRateLimitedError;
      return {
        code: "post.rate_limited",
        message,
        permanent: false,
        retryAfterMs: retryAfter * 1000,
      };
    }
    case webApi.ErrorCode.PlatformError: {
      const { data } = err as webApi.WebAPIPlatformError;
      const detail = data.error;
      if (RATE_LIMITED.has(detail)) {
        const after = data.response_metadata?.retryAfter;
        const retryAfterMs = after === undefined ? DEFAULT_RETRY_AFTER_MS : after * 1000;
        return { code: "post.rate_limited", message, permanent: false, retryAfterMs, detail };
      }
      const permanent = PERMANENT[detail];
      if (permanent) return { code: permanent, message, permanent: true, detail };
      const code = SERVER_SIDE.has(detail) ? "post.server_error" : "post.rejected";
      return { code, message, permanent: false, detail };
    }
    case webApi.ErrorCode.HTTPError: {
      const { statusCode } = err as webApi.WebAPIHTTPError;
      const code = statusCode >= 500 ? "post.server_error" : "post.rejected";
      return { code, message, permanent: false, detail: `http_${statusCode}` };
    }
    default:
      // Network failures and timeouts: worth another try.
      return { code: "post.network", message, permanent: false };
  }
}

/**
 * Posts a message to a channel with chat.postMessage. Failures come back as values: permanent
 * (channel gone, bot removed, token or scope wrong) or transient with a retry hint. Rate limits
 * are waited out here, up to RATE_LIMIT_RETRIES times and LONGEST_WAIT_MS each.
 */
export async function postMessage(
  client: webApi.WebClient,
  channel: string,
  message: SlackMessage,
  options: PostOptions & { threadTs?: string } = {},
): Promise<PostResult> {
  const threadTs = options.threadTs ?? options.replyTo;
  const metadata = options.idempotencyKey
    ? { event_type: POST_EVENT_TYPE, event_payload: { key: options.idempotencyKey } }
    : undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(metadata ? { metadata } : {}),
      });
      const ts = result.ts ?? "";
      // Slack does not refuse a reply to a deleted message: it posts it to the channel, unthreaded
      // (its answer then names no thread). Such a post is taken back and said to be gone; if it
      // cannot be, it stays, and it is what the channel was told.
      if (options.replyTo && result.message && result.message.thread_ts === undefined) {
        const removed = await deleteMessage(client, channel, ts);
        if (removed.ok) {
          return fail({
            code: "post.original_gone",
            message: `the message ${options.replyTo} to reply to is gone`,
            permanent: true,
            detail: "unthreaded",
          });
        }
      }
      return ok({ messageId: ts });
    } catch (err) {
      const failure = classify(err);
      const wait = failure.retryAfterMs;
      if (
        failure.code !== "post.rate_limited" ||
        wait === undefined ||
        wait > LONGEST_WAIT_MS ||
        attempt >= RATE_LIMIT_RETRIES
      ) {
        return fail(failure);
      }
      await sleep(wait);
    }
  }
}

/** Deletes a message the bot posted (chat.delete); failures come back as values. */
export async function deleteMessage(
  client: webApi.WebClient,
  channel: string,
  ts: string,
): Promise<Result<void, PostFailure>> {
  try {
    await client.chat.delete({ channel, ts });
    return ok(undefined);
  } catch (err) {
    return fail(classify(err));
  }
}

/** A Slack timestamp ("seconds.micros") of an instant in milliseconds. */
function slackTs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(6);
}

/**
 * Looks in the channel, or in the thread of `threadTs` (where a reply lands: the channel's history
 * does not show it), for a message tagged with this idempotency key. A retry asks before posting
 * again, in case an earlier attempt posted and died before recording it. With `since` (a digest's
 * slot) it pages back through the channel to then, up to HISTORY_PAGES pages; without, the latest page.
 * When Slack cannot say (no channels:history or groups:history scope, rate limited, timeout) the
 * answer is "unknown", and the caller must not post. A thread that is gone holds no reply, but a
 * reply Slack posted unthreaded (see postMessage) may be in the channel: it is looked for there.
 */
export async function findPosted(
  client: webApi.WebClient,
  channel: string,
  key: string,
  threadTs?: string,
  since?: number,
): Promise<FindResult> {
  try {
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const read = {
        channel,
        limit: HISTORY_PAGE,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      };
      const history = threadTs
        ? await client.conversations.replies({ ...read, ts: threadTs })
        : await client.conversations.history({
            ...read,
            ...(since === undefined ? {} : { oldest: slackTs(since - CLOCK_SKEW_MS) }),
          });
      const found = history.messages?.find(
        (m) =>
          m.metadata?.event_type === POST_EVENT_TYPE &&
          (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
      );
      if (found?.ts) return { kind: "found", messageId: found.ts };
      cursor = history.response_metadata?.next_cursor || undefined;
      if (since === undefined || !history.has_more || !cursor) break;
    }
    return { kind: "absent" };
  } catch (err) {
    const failure = classify(err);
    if (failure.code === "post.original_gone") {
      return threadTs ? findPosted(client, channel, key, undefined, since) : { kind: "absent" };
    }
    const message = failure.detail ?? failure.code;
    return failure.code === "post.missing_permission"
      ? { kind: "unknown", message, lasting: true }
      : { kind: "unknown", message };
  }
}
