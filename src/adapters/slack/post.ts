import { setTimeout as sleep } from "node:timers/promises";
import { webApi } from "@slack/bolt";
import type { FindResult, PostOptions, PostResult } from "../adapter.ts";
import type { SlackMessage } from "./render.ts";

/** Platform errors that retrying the same post cannot fix. */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "no_permission",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "restricted_action_non_threadable_channel",
  "team_access_not_granted",
  "ekm_access_denied",
  "org_login_required",
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "metadata_too_large",
  "msg_too_long",
  "no_text",
  "too_many_attachments",
  "invalid_arguments",
]);
const RATE_LIMITED = new Set(["ratelimited", "rate_limited"]);

/** Rate-limit waits a post sits out itself; past them, or past the longest wait, the caller retries. */
const RATE_LIMIT_RETRIES = 2;
const LONGEST_WAIT_MS = 30_000;
const DEFAULT_RETRY_AFTER_MS = 1_000;
const POST_TIMEOUT_MS = 10_000;

/** Event type of the metadata that tags a post with its idempotency key. */
export const POST_EVENT_TYPE = "factdesk_post";

type Failure = Extract<PostResult, { ok: false }>;

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

function classify(err: unknown): Failure {
  const coded = err as { code?: string; message?: string };
  const message = coded.message ?? String(err);
  switch (coded.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const { retryAfter } = err as webApi.WebAPIRateLimitedError;
      return {
        ok: false,
        permanent: false,
        code: "rate_limited",
        message,
        retryAfterMs: retryAfter * 1000,
      };
    }
    case webApi.ErrorCode.PlatformError: {
      const { data } = err as webApi.WebAPIPlatformError;
      const code = data.error;
      if (RATE_LIMITED.has(code)) {
        const after = data.response_metadata?.retryAfter;
        const retryAfterMs = after === undefined ? DEFAULT_RETRY_AFTER_MS : after * 1000;
        return { ok: false, permanent: false, code: "rate_limited", message, retryAfterMs };
      }
      return { ok: false, permanent: PERMANENT.has(code), code, message };
    }
    case webApi.ErrorCode.HTTPError: {
      const { statusCode } = err as webApi.WebAPIHTTPError;
      return { ok: false, permanent: false, code: `http_${statusCode}`, message };
    }
    default:
      // Network failures and timeouts: worth another try.
      return { ok: false, permanent: false, code: "request_failed", message };
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
  options: PostOptions = {},
): Promise<PostResult> {
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
        ...(metadata ? { metadata } : {}),
      });
      return { ok: true, messageId: result.ts ?? "" };
    } catch (err) {
      const failure = classify(err);
      const wait = failure.retryAfterMs;
      if (
        failure.code !== "rate_limited" ||
        wait === undefined ||
        wait > LONGEST_WAIT_MS ||
        attempt >= RATE_LIMIT_RETRIES
      ) {
        return failure;
      }
      await sleep(wait);
    }
  }
}

/** How far back a retry looks for its own earlier post: a slot's retries come within hours. */
const HISTORY_LOOKBACK = 100;

/**
 * Looks in the channel for a message tagged with this idempotency key. A retry asks before
 * posting again, in case an earlier attempt posted and died before recording it. When Slack
 * cannot say (no channels:history or groups:history scope, rate limited, timeout) the answer is
 * "unknown", and the caller must not post.
 */
export async function findPosted(
  client: webApi.WebClient,
  channel: string,
  key: string,
): Promise<FindResult> {
  try {
    const history = await client.conversations.history({
      channel,
      limit: HISTORY_LOOKBACK,
      include_all_metadata: true,
    });
    const found = history.messages?.find(
      (m) =>
        m.metadata?.event_type === POST_EVENT_TYPE &&
        (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
    );
    return found?.ts ? { kind: "found", messageId: found.ts } : { kind: "absent" };
  } catch (err) {
    return { kind: "unknown", message: classify(err).code };
  }
}
