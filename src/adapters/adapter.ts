import type { Reply } from "../core/reply/schema.ts";

/** Where a message goes: the platform, the workspace (Slack team or Discord guild), the channel. */
export interface ChannelRef {
  platform: string;
  workspaceId: string;
  channelId: string;
}

/**
 * The outcome of a post. Failures are values: `permanent` ones (channel gone, bot removed,
 * missing permission) will not succeed on retry; the rest are worth retrying after `retryAfterMs`.
 */
export type PostResult =
  | { ok: true; messageId: string }
  | {
      ok: false;
      permanent: boolean;
      code: string;
      message: string;
      retryAfterMs?: number;
    };

/** Whether an earlier post is in the channel: "unknown" (no access, rate limited) is not "absent". */
export type FindResult =
  | { kind: "found"; messageId: string }
  | { kind: "absent" }
  | { kind: "unknown"; message: string };

export interface RenderOptions {
  /** Show every citation's verbatim quote, not just outlet and date. */
  showQuotes?: boolean;
  /** Set when a user re-posts an answer to the channel: who shared it. */
  sharedBy?: string;
}

export interface PostOptions {
  /** Stable per logical message (e.g. digest slot), so a retry can be recognised and not doubled. */
  idempotencyKey?: string;
}

/** What every platform folder provides; a third platform is one more implementation of this. */
export interface Adapter<Rendered> {
  readonly platform: string;
  render(reply: Reply, options?: RenderOptions): Rendered;
  post(channel: ChannelRef, reply: Reply, options?: PostOptions): Promise<PostResult>;
  /**
   * Whether a message with this idempotency key is already in the channel: the check a retry makes
   * when an earlier attempt may have posted before dying. Omitted where the platform itself
   * refuses duplicates (Discord's enforced nonce).
   */
  findPosted?(channel: ChannelRef, idempotencyKey: string): Promise<FindResult>;
  /** A private message to one person (e.g. who subscribed, when their digest is paused). */
  notifyUser?(workspaceId: string, userId: string, reply: Reply): Promise<PostResult>;
}

/** The failure for a channel of another platform: a routing bug that retrying cannot fix. */
export function otherPlatform(channel: ChannelRef, platform: string): PostResult | null {
  if (channel.platform === platform) return null;
  const message = `a ${channel.platform} channel cannot be posted to on ${platform}`;
  return { ok: false, permanent: true, code: "wrong_platform", message };
}

/** A platform connection that is answering its users until stopped. */
export interface RunningPlatform {
  stop(): Promise<void>;
}
