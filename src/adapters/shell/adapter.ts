import type { Writable } from "node:stream";
import type { Reply } from "../../core/answer/schema.ts";
import type { Adapter, ChannelRef, PostResult, RenderOptions } from "../adapter.ts";
import { PLAIN, render, type TextStyle } from "./render.ts";

/** The terminal as a platform: rendering is plain text, posting writes it to a stream. */
export function shellAdapter(out: Writable, style: TextStyle = PLAIN): Adapter<string> {
  let posted = 0;
  return {
    platform: "shell",
    render: (reply: Reply, options?: RenderOptions) => render(reply, options, style),
    async post(channel: ChannelRef, reply: Reply): Promise<PostResult> {
      out.write(`# ${channel.channelId}\n${render(reply, {}, style)}\n`);
      posted++;
      return { ok: true, messageId: `shell-${posted}` };
    },
  };
}
