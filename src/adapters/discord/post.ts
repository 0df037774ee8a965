import { createHash } from "node:crypto";
import { DiscordAPIError, HTTPError, RateLimitError, type REST, Routes } from "discord.js";
import type { PostResult } from "../adapter.ts";
import type { DiscordMessage } from "./message.ts";

/** Discord error codes after which retrying the same post cannot succeed. */
const PERMANENT_CODES: Readonly<Record<number, string>> = {
  10003: "unknown_channel",
  50001: "missing_access",
  50013: "missing_permissions",
};

/** A nonce (≤25 characters) that is the same for every retry of one logical message. */
export function nonceFor(idempotencyKey: string): string {
  return createHash("sha256").update(idempotencyKey).digest("base64url").slice(0, 25);
}

/** What a failed post means for the caller: gone for good, or worth another try. */
function postFailure(err: unknown): Extract<PostResult, { ok: false }> {
  if (err instanceof DiscordAPIError) {
    const named = typeof err.code === "number" ? PERMANENT_CODES[err.code] : undefined;
    // Any other 4xx (bad token, malformed body, 403/404) fails the same way on every retry.
    return {
      ok: false,
      permanent: err.status < 500,
      code: named ?? `http_${err.status}`,
      message: err.message,
    };
  }
  if (err instanceof RateLimitError) {
    return {
      ok: false,
      permanent: false,
      code: "rate_limited",
      message: err.message,
      retryAfterMs: err.retryAfter,
    };
  }
  if (err instanceof HTTPError) {
    return { ok: false, permanent: false, code: `http_${err.status}`, message: err.message };
  }
  return { ok: false, permanent: false, code: "network", message: (err as Error).message };
}

/**
 * Posts a message to a channel. discord.js waits out 429s and retries 5xx and network errors a
 * few times; what still fails comes back as a value. With an idempotency key, Discord returns
 * the earlier message instead of posting a duplicate (enforce_nonce, for a few minutes).
 */
export async function postMessage(
  rest: REST,
  channelId: string,
  message: DiscordMessage,
  idempotencyKey?: string,
): Promise<PostResult> {
  const body =
    idempotencyKey === undefined
      ? message
      : { ...message, nonce: nonceFor(idempotencyKey), enforce_nonce: true };
  try {
    const sent = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
    return { ok: true, messageId: sent.id };
  } catch (err) {
    return postFailure(err);
  }
}
