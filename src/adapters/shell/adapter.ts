import type { Writable } from "node:stream";
import type { Reply } from "../../core/reply/schema.ts";
import { ok } from "../../core/result.ts";
import type { ChannelRef, PostResult } from "../../ports/poster.ts";
import type { Adapter, RenderOptions } from "../adapter.ts";
import { PLAIN, renderText, type TextStyle } from "./render.ts";

/** The terminal as a platform: rendering is plain text, posting writes it to a stream. */
export function shellAdapter(out: Writable, style: TextStyle = PLAIN): Adapter<string> {
  let posted = 0;
  return {
    platform: "shell",
    render: (reply: Reply, options?: RenderOptions) => renderText(reply, options, style),
    async post(channel: ChannelRef, reply: Reply): Promise<PostResult> {
      out.write(`# ${channel.channelId}\n${renderText(reply, {}, style)}\n`);
      posted++;
      return ok({ messageId: `shell-${posted}` });
    },
  };
}
