import type { z } from "zod";
import type { ReplyContext } from "../core/answer/build.ts";
import type { Reply } from "../core/answer/schema.ts";

/** What an option's value names, so platforms with autocomplete can offer the corpus's names. */
export type Completion = "actor" | "attack" | "figure" | "article" | "command";

export interface CommandOption {
  name: string;
  description: string;
  required: boolean;
  complete?: Completion;
}

/** Name, usage and examples: what help shows and platforms register. */
export interface CommandInfo {
  name: string;
  summary: string;
  usage: string;
  examples: readonly string[];
  /** At most one: the text after the command name fills it. */
  options: readonly CommandOption[];
}

export interface CommandContext extends ReplyContext {
  commands: readonly CommandInfo[];
}

export interface Command<S extends z.ZodType = z.ZodType> extends CommandInfo {
  /** Validates the request, whether it came from typed text or a platform's typed options. */
  schema: S;
  run(ctx: CommandContext, request: z.infer<S>): Reply;
}

/** Keeps a command's request type tied to its schema without widening it. */
export function defineCommand<S extends z.ZodType>(command: Command<S>): Command<S> {
  return command;
}

/** Who asks, and where: what commands that act on a channel (digests) need to know. */
export interface RequestContext {
  platform: string;
  workspaceId: string;
  channelId: string;
  userId: string;
  /**
   * Whether the asker may manage the channel (Discord Manage Channels, Slack admin or listed).
   * A function, because on Slack finding out costs an API call only digest commands need.
   */
  canManage(): Promise<boolean>;
}
