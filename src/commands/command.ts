import type { z } from "zod";
import type { ReplyContext } from "../core/reply/build.ts";
import type { Reply } from "../core/reply/schema.ts";
import type { CorpusHistory } from "../ports/corpus-history.ts";
import type { DigestService } from "../ports/digest-service.ts";

/** What an option's value names, so platforms with autocomplete can offer the corpus's names. */
export type Completion = "actor" | "attack" | "event" | "figure" | "article" | "command";

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
  /** At most one for a command without subcommands: the text after its name fills it. */
  options: readonly CommandOption[];
  /** A command with subcommands gets the one asked for as its request's `action`. */
  subcommands?: readonly CommandInfo[];
}

/** Who asks, and where: what commands that act on a channel (digests) need to know. */
export interface Caller {
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

/** What commands use beyond the corpus; each is absent where the process has none. */
export interface Services {
  /** null when Redis cannot be reached or the process posts nowhere (the shell). */
  digests: DigestService | null;
  /** Why digests are unavailable, said to whoever asks for one. */
  digestsUnavailable: string;
  /** The published versions, for `changes`; null when the corpus was read from a directory. */
  history: CorpusHistory | null;
  /** Zone for digest subscriptions that name none. */
  defaultTimeZone: string;
  now(): number;
}

export interface CommandContext extends ReplyContext {
  caller: Caller;
  services: Services;
  /** Every command, for help. */
  commands: readonly CommandInfo[];
}

export interface Command<S extends z.ZodType = z.ZodType> extends CommandInfo {
  /** Validates the request, whether it came from typed text or a platform's typed options. */
  schema: S;
  /** Typed text after the command's name as options; without it the text fills the one option. */
  fromText?(text: string): Record<string, string>;
  /** False for a command that changes state: its answer carries no button that runs it again. */
  reanswerable: boolean;
  /**
   * Said when a service the command waits on fails or does not answer in time. A command without
   * one uses no service, so its failure is a bug.
   */
  unavailable?: string;
  run(ctx: CommandContext, request: z.infer<S>): Reply | Promise<Reply>;
}

/** Keeps a command's request type tied to its schema without widening it. */
export function defineCommand<S extends z.ZodType>(command: Command<S>): Command<S> {
  return command;
}
