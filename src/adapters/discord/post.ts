import { createHash } from "node:crypto";
import {
  type APIMessage,
  type APIUser,
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  type REST,
  Routes,
} from "discord.js";
import type { Code } from "../../core/codes.ts";
import { fail, ok } from "../../core/result.ts";
import type { FindResult, PostFailure, PostOptions, PostResult } from "../../ports/poster.ts";
import { CLOCK_SKEW_MS, HISTORY_PAGE, HISTORY_PAGES } from "../history.ts";
import type { DiscordMessage } from "./message.ts";
import { carriesMarker } from "./render.ts";

/** Discord's JSON error codes that say more than the HTTP status. */
const DISCORD_CODES: Readonly<Record<number, Code<"post">>> = {
  10003: "post.channel_not_found",
  // Unknown Message (a reply to a deleted message is refused as 50035 instead: referenceUnknown).
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

/**
 * The readable mark of one logical message (a digest's slot, a correction), closing its embed
 * footer: "ref 3f9a2c1b7d4e". Discord keeps no nonce on a stored message, so this is what a later
 * job reads back to tell that the slot was posted. The footer, not a button: a channel digest has
 * no buttons, and one added only to carry a custom_id would be a control that does nothing. A
 * footer is small grey text the bot already writes, returned verbatim, and visible to the bot
 * without the Message Content intent because the message is its own. 48 bits tell apart the
 * few hundred messages one lookup reads.
 */
export function slotMarker(idempotencyKey: string): string {
  return `ref ${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 12)}`;
}

/** The form error of a reply to a deleted message: the message_reference names no message. */
const UNKNOWN_REFERENCE = "MESSAGE_REFERENCE_UNKNOWN_MESSAGE";

/**
 * Whether Discord refused a reply because the message it refers to is gone: 50035 (Invalid Form
 * Body) with message_reference's error MESSAGE_REFERENCE_UNKNOWN_MESSAGE ("Unknown message").
 */
function referenceUnknown(err: DiscordAPIError): boolean {
  if (err.code !== 50035) return false;
  const { errors } = err.rawError as {
    errors?: { message_reference?: { _errors?: Array<{ code?: string }> } };
  };
  return errors?.message_reference?._errors?.some((e) => e.code === UNKNOWN_REFERENCE) ?? false;
}

/** What a failed request means for the caller: gone for good, or worth another try. */
export function postFailure(err: unknown): PostFailure {
  const message = (err as Error).message;
  if (err instanceof DiscordAPIError) {
    const known = referenceUnknown(err)
      ? "post.original_gone"
      : typeof err.code === "number"
        ? DISCORD_CODES[err.code]
        : undefined;
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

/** Discord's epoch (2015-01-01), the origin of the time in a snowflake's top 42 bits. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** The smallest snowflake of an instant: `after` it lists every message from then on. */
export function snowflakeAt(ms: number): string {
  const since = BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH;
  return String((since > 0n ? since : 0n) << 22n);
}

/**
 * Looks among the bot's own recent messages for the one marked with this idempotency key (and,
 * for a reply, referring to `replyTo`). With `since` (a digest's slot) it reads forward from
 * then, up to HISTORY_PAGES pages; without, the latest page. Needs Read Message History: without it
 * (50001, 50013) the answer is "unknown" and lasting; a network failure or rate limit is
 * "unknown", so the caller retries rather than posts. A channel that is gone holds nothing.
 */
export async function findPosted(
  rest: REST,
  self: () => Promise<string>,
  channelId: string,
  key: string,
  replyTo?: string,
  since?: number,
): Promise<FindResult> {
  const marker = slotMarker(key);
  let botId: string;
  try {
    botId = await self();
  } catch (err) {
    // Not knowing which messages are the bot's own says nothing about the channel.
    return { kind: "unknown", message: `who am I: ${postFailure(err).detail ?? "network"}` };
  }
  try {
    let after = since === undefined ? undefined : snowflakeAt(since - CLOCK_SKEW_MS);
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const query = new URLSearchParams({
        limit: String(HISTORY_PAGE),
        ...(after ? { after } : {}),
      });
      const messages = (await rest.get(Routes.channelMessages(channelId), {
        query,
      })) as APIMessage[];
      const found = messages.find(
        (m) =>
          m.author.id === botId &&
          (!replyTo || m.message_reference?.message_id === replyTo) &&
          carriesMarker(m.embeds, marker),
      );
      if (found) return { kind: "found", messageId: found.id };
      if (after === undefined || messages.length < HISTORY_PAGE) break;
      // Pages come newest first; the next one starts after the newest message of this one.
      after = messages.reduce((a, m) => (BigInt(m.id) > BigInt(a) ? m.id : a), after);
    }
    return { kind: "absent" };
  } catch (err) {
    const failure = postFailure(err);
    if (failure.code === "post.channel_not_found") return { kind: "absent" };
    const message = failure.detail ?? failure.code;
    return failure.code === "post.missing_permission"
      ? { kind: "unknown", message, lasting: true }
      : { kind: "unknown", message };
  }
}

/** The bot's own user id, asked of Discord once; a failed ask is asked again next time. */
export function selfId(rest: REST): () => Promise<string> {
  let known: Promise<string> | undefined;
  return () => {
    known ??= (rest.get(Routes.user()) as Promise<APIUser>).then(
      (user) => user.id,
      (err: unknown) => {
        known = undefined;
        throw err;
      },
    );
    return known;
  };
}
