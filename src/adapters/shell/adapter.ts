import type { Reply } from "../../core/answer/schema.ts";
import {
  type Adapter,
  type ChannelRef,
  otherPlatform,
  type PostResult,
  type RenderOptions,
} from "../adapter.ts";
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
        const code = (err as NodeJS.ErrnoException).code ?? "write_failed";
        return { ok: false, permanent: !TRANSIENT.has(code), code, message: err.message };
      }
      posted++;
      return { ok: true, messageId: `shell-${posted}` };
    },
  };
}
