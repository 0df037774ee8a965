import type { Reply } from "../../core/reply/schema.ts";
import { fail, ok } from "../../core/result.ts";
import { type ChannelRef, otherPlatform, type PostResult } from "../../ports/poster.ts";
import type { Adapter, RenderOptions } from "../adapter.ts";
import { PLAIN, render, type TextStyle } from "./render.ts";

/** Where the shell posts: a terminal's stream, or anything with a stream's write and callback. */
export interface TextSink {
  write(text: string, done: (err?: Error | null) => void): unknown;
}

// Write errors after which the same sink can take a later write; any other (EPIPE: the reader
// has gone, a destroyed stream) is final.
const TRANSIENT = new Set(["EAGAIN", "EWOULDBLOCK", "EINTR", "EBUSY", "ETIMEDOUT"]);

function write(out: TextSink, text: string): Promise<Error | null> {
  return new Promise((resolve) => out.write(text, (err) => resolve(err ?? null)));
}

/** The terminal as a platform: rendering is plain text, posting writes it to a stream. */
export function shellAdapter(out: TextSink, style: TextStyle = PLAIN): Adapter<string> {
  let posted = 0;
  return {
    platform: "shell",
    render: (reply: Reply, options?: RenderOptions) => render(reply, options, style),
    async post(channel: ChannelRef, reply: Reply): Promise<PostResult> {
      const refused = otherPlatform(channel, "shell");
      if (refused) return refused;
      const err = await write(out, `# ${channel.channelId}\n${render(reply, {}, style)}\n`);
      if (err) {
        const detail = (err as NodeJS.ErrnoException).code ?? "write_failed";
        const permanent = !TRANSIENT.has(detail);
        const code = permanent ? "post.rejected" : "post.network";
        return fail({ code, message: err.message, permanent, detail });
      }
      posted++;
      return ok({ messageId: `shell-${posted}` });
    },
  };
}
