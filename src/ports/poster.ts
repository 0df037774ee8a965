import type { Code } from "../core/codes.ts";
import type { Reply } from "../core/reply/schema.ts";
import { type Failure, fail, ok, type Result } from "../core/result.ts";

/** Where a message goes: the platform, the workspace (Slack team or Discord guild), the channel. */
export interface ChannelRef {
  platform: string;
  workspaceId: string;
  channelId: string;
}

/**
 * Why a post failed. `permanent` ones (channel gone, bot removed, missing permission) will not
 * succeed on retry; the rest are worth retrying after `retryAfterMs`. The code is the same on every
 * platform; `detail` keeps the platform's own word ("channel_not_found", "50013", "http_503").
 */
export interface PostFailure extends Failure<Code<"post">> {
  permanent: boolean;
  retryAfterMs?: number;
  detail?: string;
}

export type PostResult = Result<{ messageId: string }, PostFailure>;

/** Whether an earlier post is in the channel: "unknown" (no access, rate limited) is not "absent". */
export type FindResult =
  | { kind: "found"; messageId: string }
  | { kind: "absent" }
  /** `lasting`: asking again cannot help (no permission to read the channel's history). */
  | { kind: "unknown"; message: string; lasting?: boolean };

export interface PostOptions {
  /** Stable per logical message (e.g. digest slot), so a retry can be recognised and not doubled. */
  idempotencyKey?: string;
  /**
   * A message in the channel this one answers (a correction of a digest): a thread reply on Slack,
   * a reply on Discord. When that message is gone the post fails with `post.original_gone`.
   */
  replyTo?: string;
}

/** What a digest needs of a platform: posting, and the checks that keep a retry from doubling. */
export interface Poster {
  readonly platform: string;
  post(channel: ChannelRef, reply: Reply, options?: PostOptions): Promise<PostResult>;
  /**
   * Whether a message with this idempotency key is already in the channel: the check a retry makes
   * when an earlier attempt may have posted before dying, and a job makes when its slot's record
   * may have been lost. `since` is when the message was due (a digest's slot): a platform that
   * reads history by time (Discord) reads from there; without it, the most recent messages.
   */
  findPosted?(
    channel: ChannelRef,
    idempotencyKey: string,
    replyTo?: string,
    since?: number,
  ): Promise<FindResult>;
  /** Deletes a message the bot posted: a late duplicate takes itself back. */
  deleteMessage?(channel: ChannelRef, messageId: string): Promise<Result<void, PostFailure>>;
  /** A private message to one person (e.g. who subscribed, when their digest is paused). */
  notifyUser?(workspaceId: string, userId: string, reply: Reply): Promise<PostResult>;
}

/** The failure for a channel of another platform: a routing bug that retrying cannot fix. */
export function otherPlatform(channel: ChannelRef, platform: string): PostResult | null {
  if (channel.platform === platform) return null;
  return fail({
    code: "post.wrong_platform",
    message: `a ${channel.platform} channel cannot be posted to on ${platform}`,
    permanent: true,
  });
}

/** How the next post to a memory poster fails. */
export type ScriptedFailure = "permanent" | "transient" | { retryAfterMs: number };

const SCRIPTED: Record<"permanent" | "transient", PostFailure> = {
  permanent: {
    code: "post.channel_not_found",
    message: "the channel is gone",
    permanent: true,
    detail: "channel_not_found",
  },
  transient: { code: "post.network", message: "the connection dropped", permanent: false },
};

export interface MemoryPoster extends Poster {
  findPosted(
    channel: ChannelRef,
    idempotencyKey: string,
    replyTo?: string,
    since?: number,
  ): Promise<FindResult>;
  notifyUser(workspaceId: string, userId: string, reply: Reply): Promise<PostResult>;
  /** Every post that landed, oldest first. */
  readonly posts: ReadonlyArray<MemoryPost>;
  /** Every private message sent. */
  readonly notices: ReadonlyArray<{ workspaceId: string; userId: string; reply: Reply }>;
  /** Every failure it answered a post with, oldest first. */
  readonly failed: readonly PostFailure[];
  /** Makes the next post fail; calls queue up, one failure a post. */
  failNextPost(how: ScriptedFailure): void;
  /** What findPosted answers from now on; by default, whether a post with the key landed. */
  answerFind(answer: FindResult | "from-posts"): void;
  /** Deletes a message (the bot, or someone in the channel): replies to it then fail. */
  deleteMessage(channel: ChannelRef, messageId: string): Promise<Result<void, PostFailure>>;
  /** Ids of the messages deleted, oldest first. */
  readonly deleted: ReadonlySet<string>;
}

export interface MemoryPost {
  channel: ChannelRef;
  reply: Reply;
  key?: string;
  replyTo?: string;
  id: string;
}

/**
 * A platform in memory, for testing delivery apart from any platform's API: it keeps what it is
 * sent and fails when told to. The Slack and Discord tests drive the real adapters.
 */
export function memoryPoster(platform = "memory"): MemoryPoster {
  const posts: MemoryPost[] = [];
  const deleted = new Set<string>();
  const notices: Array<{ workspaceId: string; userId: string; reply: Reply }> = [];
  const failures: ScriptedFailure[] = [];
  const failed: PostFailure[] = [];
  let found: FindResult | "from-posts" = "from-posts";
  return {
    platform,
    posts,
    notices,
    failed,
    deleted,
    async post(channel, reply, options) {
      const refused = otherPlatform(channel, platform);
      if (refused) return refused;
      const scripted = failures.shift();
      if (scripted) {
        const failure: PostFailure =
          typeof scripted === "string"
            ? SCRIPTED[scripted]
            : {
                code: "post.rate_limited",
                message: "slow down",
                permanent: false,
                retryAfterMs: scripted.retryAfterMs,
              };
        failed.push(failure);
        return fail(failure);
      }
      const replyTo = options?.replyTo;
      if (replyTo && (deleted.has(replyTo) || !posts.some((p) => p.id === replyTo))) {
        const gone: PostFailure = {
          code: "post.original_gone",
          message: "the message to reply to is gone",
          permanent: true,
        };
        failed.push(gone);
        return fail(gone);
      }
      const id = `m${posts.length + 1}`;
      posts.push({
        channel,
        reply,
        key: options?.idempotencyKey,
        ...(replyTo ? { replyTo } : {}),
        id,
      });
      return ok({ messageId: id });
    },
    async findPosted(channel, key) {
      if (found !== "from-posts") return found;
      const earlier = posts.find((p) => p.key === key && p.channel.channelId === channel.channelId);
      return earlier ? { kind: "found", messageId: earlier.id } : { kind: "absent" };
    },
    async notifyUser(workspaceId, userId, reply) {
      notices.push({ workspaceId, userId, reply });
      return ok({ messageId: `n${notices.length}` });
    },
    failNextPost(how) {
      failures.push(how);
    },
    answerFind(answer) {
      found = answer;
    },
    async deleteMessage(_channel, messageId) {
      deleted.add(messageId);
      return ok(undefined);
    },
  };
}
