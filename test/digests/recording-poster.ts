import type { Adapter, ChannelRef, PostResult } from "../../src/adapters/adapter.ts";
import type { Reply } from "../../src/core/reply/schema.ts";

/**
 * A platform that keeps what it is sent, for testing delivery logic apart from any one platform's
 * API (the Slack and Discord tests drive the real adapters). `next` scripts the next results.
 */
export function recordingPoster(platform = "test") {
  const posts: Array<{ channel: ChannelRef; reply: Reply; key?: string }> = [];
  const notices: Array<{ userId: string; reply: Reply }> = [];
  const next: PostResult[] = [];
  const adapter: Adapter<string> = {
    platform,
    render: (reply) => JSON.stringify(reply),
    async post(channel, reply, options) {
      const scripted = next.shift();
      if (scripted && !scripted.ok) return scripted;
      posts.push({ channel, reply, key: options?.idempotencyKey });
      return { ok: true, messageId: `m${posts.length}` };
    },
    async findPosted(_channel, key) {
      const i = posts.findIndex((p) => p.key === key);
      return i < 0 ? { kind: "absent" } : { kind: "found", messageId: `m${i + 1}` };
    },
    async notifyUser(_workspaceId, userId, reply) {
      notices.push({ userId, reply });
      return { ok: true, messageId: `n${notices.length}` };
    },
  };
  return { adapter, posts, notices, next };
}
