import { distance } from "fastest-levenshtein";
import { statementsShown } from "../core/answers/digest.ts";
import { corpusLabel } from "../core/release.ts";
import { errorReply, field, type ReplyContext } from "../core/reply/build.ts";
import type { Reply, Suggestion } from "../core/reply/schema.ts";
import { shorten } from "../core/reply/short.ts";
import type { CorpusSnapshot } from "../core/snapshot.ts";
import { closest } from "../core/text/suggest.ts";
import type { Logger } from "../log.ts";
import type { Caller, Command, CommandContext, CommandInfo, Services } from "./command.ts";
import { completeOption } from "./complete.ts";
import { asTypedText, MAX_INPUT_LENGTH, sanitizeInput } from "./input.ts";
import { lastShortAnswers, moreCommand, moreRequest, NOTHING_MORE } from "./more.ts";
import { commands, findCommand } from "./registry.ts";

/** What a platform hands over: typed text, or a command with typed options (Discord). */
export type Input =
  | { text: string }
  | { command: string; subcommand?: string; options: Record<string, unknown> };

export interface Request {
  caller: Caller;
  input: Input;
  /**
   * A button click asks again what an answer showed; it never carries the right to change state.
   * A share is a click whose answer is posted to the channel.
   */
  via?: "button" | "share";
  /**
   * The published seq the button (or the shell's `more`) was made from: when a newer version is
   * served now, the answer says it was updated since.
   */
  madeFrom?: number;
}

/** A reply, and what the platform may offer on it. */
export interface Answer {
  reply: Reply;
  /** The command text a button may ask again (quotes, share); null when it must not be re-run. */
  reask: string | null;
  /** Set when the text was a plain question, read by `ask`. */
  question?: true;
  /** The published seq the reply was answered from, for buttons to remember; null if unpublished. */
  seq: number | null;
  /**
   * Set on an answer to a share when digests are on: the platform calls it with the posted
   * message's id, so a later correction of what the answer showed replies there. Never throws.
   */
  shared?: (messageId: string) => Promise<void>;
}

export interface CompletionRequest {
  command: string;
  subcommand?: string;
  option: string;
  partial: string;
}

/** Every platform event goes through this: commands, buttons and autocomplete alike. */
export interface Responder {
  answer(request: Request): Promise<Answer>;
  complete(request: CompletionRequest): Array<{ name: string; value: string }>;
  /** The reply for a failure outside any command: a button Factdesk no longer reads, a crash. */
  notice(kind: "expired" | "failed"): Reply;
}

/** One answer as it left, for the edges that watch (metrics, the audit trail). */
export interface Answered {
  request: Request;
  reply: Reply;
  /** True when the text was a plain question, read by `ask`. */
  question: boolean;
  ms: number;
}

export interface ResponderDeps {
  /** Read once per request, so one answer never mixes two corpus versions. */
  snapshots: { current(): CorpusSnapshot };
  services: Services;
  log: Logger;
  /** Told of every answer; what it throws is logged, never the asker's problem. */
  onAnswered?: (answered: Answered) => void;
}

/** How long a command waiting on a service may take before the user is told. */
const COMMAND_TIMEOUT_MS = 5000;
const QUERY_ECHO_LIMIT = 80;
const COMPLETIONS_MAX = 25;

function echo(text: string): string {
  return text.length > QUERY_ECHO_LIMIT ? `${text.slice(0, QUERY_ECHO_LIMIT)}…` : text;
}

/** A request read into a command and its options, or the reply saying why it cannot be. */
type Parsed =
  | {
      command: Command;
      options: Record<string, unknown>;
      query: string;
      text: string;
      /** Set when a mistyped first word was read as a command: the answer says so. */
      readAs?: string;
    }
  | { reply: (ctx: ReplyContext) => Reply; query: string };

function sanitized(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options).map(([k, v]) => [k, typeof v === "string" ? sanitizeInput(v) : v]),
  );
}

function unknownCommand(name: string, rest: string) {
  const after = rest ? ` ${rest}` : "";
  return (ctx: ReplyContext) =>
    errorReply(
      ctx,
      {
        code: "unknown_command",
        message: `Factdesk has no command "${echo(name)}".`,
        usage: `Commands: ${commands.map((c) => c.name).join(", ")}. Try "help".`,
      },
      // A suggestion keeps what followed the mistyped name, so one click asks the question.
      closest(name, commands, (c) => [c.name]).map((c) => ({
        label: c.name,
        command: `${c.name}${after}`,
      })),
    );
}

/** Input is sanitised, length-checked and split here, once, whatever platform it came from. */
function parse(input: Input): Parsed {
  if ("command" in input) {
    const words = [input.command, ...(input.subcommand ? [input.subcommand] : [])];
    const options = sanitized(input.options);
    const text = asTypedText(words, options);
    const command = findCommand(input.command);
    if (!command) {
      const rest = asTypedText(input.subcommand ? [input.subcommand] : [], options);
      return { reply: unknownCommand(input.command, rest), query: echo(text) };
    }
    const action = input.subcommand ? { action: input.subcommand.toLowerCase() } : {};
    return { command, options: { ...action, ...options }, query: echo(text), text };
  }
  if (input.text.length > MAX_INPUT_LENGTH) {
    const length = input.text.length;
    return {
      query: echo(sanitizeInput(input.text)),
      reply: (ctx) =>
        errorReply(ctx, {
          code: "too_long",
          message: `That is ${length} characters; Factdesk takes ${MAX_INPUT_LENGTH} at most. Shorten it and try again.`,
        }),
    };
  }
  const text = sanitizeInput(input.text);
  const space = text.indexOf(" ");
  const name = (space < 0 ? text : text.slice(0, space)).toLowerCase();
  const rest = space < 0 ? "" : text.slice(space + 1);
  if (name === "")
    return { command: findCommand("help") as Command, options: {}, query: text, text };
  const typed = findCommand(name);
  const misspelt = typed ? undefined : nearCommand(name);
  // Text that starts with no command is a question.
  if (!typed && !misspelt) {
    return {
      command: findCommand("ask") as Command,
      options: { question: text },
      query: text,
      text,
    };
  }
  const command = (typed ?? misspelt) as Command;
  const readAs = misspelt && `Read "${echo(name)}" as "${misspelt.name}".`;
  if (command.fromText) {
    return { command, options: command.fromText(rest), query: text, text, readAs };
  }
  const [option] = command.options;
  if (!option && rest) {
    return {
      query: text,
      reply: (ctx) =>
        errorReply(ctx, {
          code: "bad_input",
          message: `"${command.name}" takes nothing after it.`,
          usage: command.usage,
        }),
    };
  }
  const options = option && rest ? { [option.name]: rest } : {};
  return { command, options, query: text, text, readAs };
}

/** The command a first word is one typo away from ("figur"), if it is long enough to tell. */
function nearCommand(word: string): Command | undefined {
  if (word.length < 4) return undefined;
  return commands.find((c) => c.name !== "ask" && distance(word, c.name) === 1);
}

/** Says something about how the answer came about at its top: a field, or before an error. */
function noting(reply: Reply, label: string, note: string | undefined): Reply {
  if (!note) return reply;
  if (!reply.ok)
    return { ...reply, error: { ...reply.error, message: `${note} ${reply.error.message}` } };
  return {
    ...reply,
    answer: { ...reply.answer, fields: [field(label, note), ...reply.answer.fields] },
  };
}

/** "corpus v3 → corpus v5 · published …" when the version served is not the one asked from. */
function updatedSince(snapshot: CorpusSnapshot, madeFrom: number | undefined): string | undefined {
  const { release } = snapshot;
  if (madeFrom === undefined || !release || release.seq === madeFrom) return undefined;
  return `corpus v${madeFrom} → ${corpusLabel(release, snapshot.corpus.version)}`;
}

/** The subcommand a request names, when the command has subcommands. */
function subcommandOf(command: CommandInfo, options: Record<string, unknown>) {
  return command.subcommands?.find((s) => s.name === options.action);
}

function validate(
  ctx: ReplyContext,
  command: Command,
  options: Record<string, unknown>,
): { request: unknown } | { reply: Reply } {
  const { subcommands } = command;
  if (subcommands && !subcommandOf(command, options)) {
    const action = String(options.action ?? "");
    const names = subcommands.map((s) => s.name).join(", ");
    return {
      reply: errorReply(ctx, {
        code: "bad_input",
        message: action
          ? `${command.name} has no "${echo(action)}"; it takes ${names}.`
          : `${command.name} needs one of: ${names}.`,
        path: ["action"],
        usage: command.usage,
      }),
    };
  }
  const parsed = command.schema.safeParse(options);
  if (parsed.success) return { request: parsed.data };
  const issue = parsed.error.issues[0];
  const sub = subcommandOf(command, options);
  const called = sub ? `${command.name} ${sub.name}` : command.name;
  const missing = (sub ?? command).options.find(
    (o) => o.required && o.name === issue?.path[0] && options[o.name] === undefined,
  );
  if (missing) return { reply: usageReply(ctx, sub ?? command, called, missing) };
  return {
    reply: errorReply(ctx, {
      code: "bad_input",
      // A validator's own wording ("Unrecognized key") means nothing to a reporter.
      message:
        issue?.code === "unrecognized_keys"
          ? `"${called}" does not take that; see its usage.`
          : (issue?.message ?? "that request is not valid"),
      path: (issue?.path ?? []).map(String),
      usage: sub?.usage ?? command.usage,
    }),
  };
}

/** A command asked without what it needs: its usage, and its examples one click away. */
function usageReply(
  ctx: ReplyContext,
  info: CommandInfo,
  called: string,
  missing: CommandInfo["options"][number],
): Reply {
  return errorReply(
    ctx,
    {
      code: "bad_input",
      message: `"${called}" needs its ${missing.name} (${missing.description}).`,
      path: [missing.name],
      usage: info.usage,
    },
    info.examples.map((e) => ({ label: e, command: e })),
  );
}

/** Suggestions once each, whoever added them (a question's readings, the answer's own). */
function distinct(suggestions: readonly Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return suggestions.filter((s) => {
    const key = s.command.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The reply as it leaves: one screen unless asked in full, each suggestion once. */
function finished(reply: Reply, more: string | undefined): Reply {
  const short = reply.ok && more ? shorten(reply, more) : reply;
  return { ...short, suggestions: distinct(short.suggestions) };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function createResponder(deps: ResponderDeps): Responder {
  const { log, services } = deps;
  const shortAnswers = lastShortAnswers();

  async function run(ctx: CommandContext, command: Command, request: unknown): Promise<Reply> {
    try {
      const reply = command.run(ctx, request);
      return reply instanceof Promise ? await withDeadline(reply, COMMAND_TIMEOUT_MS) : reply;
    } catch (err) {
      // Unknown failures are classified here, once: logged in full, told in a plain sentence.
      log.error({ err, command: command.name, query: ctx.query }, "command failed");
      return errorReply(
        ctx,
        command.unavailable
          ? { code: "unavailable", message: command.unavailable }
          : {
              code: "internal",
              message: "Something went wrong answering that. It has been logged.",
            },
      );
    }
  }

  const responder: Responder = {
    async answer({ caller, input, via, madeFrom }) {
      const snapshot = deps.snapshots.current();
      const seq = snapshot.release?.seq ?? null;
      const wanted = "text" in input ? moreRequest(input.text) : null;
      const full = wanted !== null;
      const recalled = full && !wanted ? shortAnswers.recall(caller) : undefined;
      const asked = full ? wanted || recalled?.text : undefined;
      if (full && !asked) {
        const ctx = { snapshot, command: null, query: "more" };
        return {
          reply: errorReply(ctx, { code: "bad_input", message: NOTHING_MORE }),
          reask: null,
          seq,
        };
      }
      const parsed = parse(asked === undefined ? input : { text: asked });
      const base = { snapshot, query: parsed.query };
      if ("reply" in parsed) {
        return { reply: parsed.reply({ ...base, command: null }), reask: null, seq };
      }
      const { command } = parsed;
      // Short unless asked for in full; a command that changes state is never asked again.
      const more = !full && command.reanswerable ? moreCommand(parsed.text) : undefined;
      const ctx: CommandContext = {
        ...base,
        more,
        command: command.name,
        // A click may ask again, never change anything: it carries no right to manage.
        caller: via !== undefined ? { ...caller, canManage: async () => false } : caller,
        services,
        commands,
      };
      const checked = validate(ctx, command, parsed.options);
      const answered =
        "reply" in checked ? checked.reply : await run(ctx, command, checked.request);
      const reply = finished(
        noting(
          noting(answered, "Read as", parsed.readAs),
          "Updated since",
          updatedSince(snapshot, madeFrom ?? recalled?.seq ?? undefined),
        ),
        more,
      );
      shortAnswers.remember(caller, reply.more ? { text: parsed.text, seq } : null);
      // Debug, not info: the shell and ask share stderr with the person typing.
      log.debug(
        {
          platform: caller.platform,
          command: reply.command,
          ok: reply.ok,
          code: reply.error?.code,
        },
        "answered",
      );
      const reask = full ? moreCommand(parsed.text) : parsed.text;
      // What a shared answer shows is read from the version that answered it, now.
      const shown = via === "share" && reply.ok ? statementsShown(snapshot, reply) : null;
      const { digests } = services;
      const shared =
        shown && digests
          ? (messageId: string) =>
              digests
                .recordShare(
                  {
                    platform: caller.platform,
                    workspaceId: caller.workspaceId,
                    channelId: caller.channelId,
                  },
                  messageId,
                  shown,
                )
                .catch((err: unknown) => log.warn({ err }, "recording a shared answer failed"))
          : undefined;
      return {
        reply,
        reask: command.reanswerable ? reask : null,
        seq,
        ...(command.name === "ask" ? { question: true as const } : {}),
        ...(shared ? { shared } : {}),
      };
    },

    complete({ command, subcommand, option, partial }) {
      const found = findCommand(command);
      const info = subcommand ? found?.subcommands?.find((s) => s.name === subcommand) : found;
      const kind = info?.options.find((o) => o.name === option)?.complete;
      if (!kind) return [];
      return completeOption(
        deps.snapshots.current(),
        kind,
        sanitizeInput(partial),
        COMPLETIONS_MAX,
      );
    },

    notice(kind) {
      const ctx = { snapshot: deps.snapshots.current(), command: null, query: "" };
      return errorReply(
        ctx,
        kind === "expired"
          ? {
              code: "unavailable",
              message:
                "That button no longer works: it is from an older Factdesk. Ask again with the command.",
            }
          : {
              code: "internal",
              message: "Something went wrong answering that. It has been logged.",
            },
      );
    },
  };
  const { onAnswered } = deps;
  if (!onAnswered) return responder;
  return {
    ...responder,
    async answer(request) {
      const started = performance.now();
      const answer = await responder.answer(request);
      const ms = performance.now() - started;
      try {
        onAnswered({ request, reply: answer.reply, question: answer.question === true, ms });
      } catch (err) {
        log.warn({ err }, "answer observer failed");
      }
      return answer;
    },
  };
}
