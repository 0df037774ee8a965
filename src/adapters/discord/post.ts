import { createHash } from "node:crypto";
import { DiscordAPIError, HTTPError, RateLimitError, type REST, Routes } from "discord.js";
import type { Code } from "../../core/codes.ts";
import { fail, ok } from "../../core/result.ts";
import type { PostFailure, PostOptions, PostResult } from "../../ports/poster.ts";
import type { DiscordMessage } from "./message.ts";

/** Discord's JSON error codes that say more than the HTTP status. */
const DISCORD_CODES: Readonly<Record<number, Code<"post">>> = {
  10003: "post.channel_not_found",
  // Unknown Message: the message a reply refers to was deleted.
  10008: "post.original_gone",
  50001: "post.missing_permission",
  50013: "post.missing_permission",
};

/** What a refused request's status means when Discord's code does not say. */
function statusCode(status: number): Code<"post"> {
  if (status >= 500) return "post.server_error";
  if (status === 401) return "post.auth";
  if (status === 403) return "post.missing_permission";
  if (status === 404) return "post.channel_not_found";
  if (status === 400) return "post.invalid_message";
  return "post.rejected";
}

/** A nonce (≤25 characters) that is the same for every retry of one logical message. */
export function nonceFor(idempotencyKey: string): string {
  return createHash("sha256").update(idempotencyKey).digest("base64url").slice(0, 25);
}

/** What a failed request means for the caller: gone for good, or worth another try. */
export function postFailure(err: unknown): PostFailure {
  const message = (err as Error).message;
  if (err instanceof DiscordAPIError) {
    const known = typeof err.code === "number" ? DISCORD_CODES[err.code] : undefined;
    // Any other 4xx (bad token, malformed body, 403/404) fails the same way on every retry.
    return {
      code: known ?? statusCode(err.status),
      message,
      permanent: err.status < 500,
      detail: err.code ? String(err.code) : `http_${err.status}`,
    };
  }
  if (err instanceof RateLimitError) {
    return { code: "post.rate_limited", message, permanent: false, retryAfterMs: err.retryAfter };
  }
  if (err instanceof HTTPError) {
    return {
      code: err.status >= 500 ? "post.server_error" : "post.rejected",
      message,
      permanent: false,
      detail: `http_${err.status}`,
    };
  }
  return { code: "post.network", message, permanent: false };
}

/**
 * Posts a message to a channel. discord.js waits out 429s and retries 5xx and network errors a
 * few times; what still fails comes back as a value. With an idempotency key, Discord returns
 * the earlier message instead of posting a duplicate (enforce_nonce, for a few minutes); with
 * `replyTo`, it is a reply to that message.
 */
export async function postMessage(
  rest: REST,
  channelId: string,
  message: DiscordMessage,
  options: PostOptions = {},
): Promise<PostResult> {
  const { idempotencyKey, replyTo } = options;
  const body = {
    ...message,
    ...(idempotencyKey === undefined
      ? {}
      : { nonce: nonceFor(idempotencyKey), enforce_nonce: true }),
    // A reply to a message that is gone fails (10008) rather than posting unattached.
    ...(replyTo ? { message_reference: { message_id: replyTo, fail_if_not_exists: true } } : {}),
  };
  try {
    const sent = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
    return ok({ messageId: sent.id });
  } catch (err) {
    return fail(postFailure(err));
  }
}
