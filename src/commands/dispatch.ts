import { errorReply } from "../core/answer/build.ts";
import type { Reply } from "../core/answer/schema.ts";
import type { Corpus } from "../core/corpus/types.ts";
import { closest } from "../core/text/suggest.ts";
import { log } from "../log.ts";
import type { Command, CommandContext } from "./command.ts";
import { asTypedText, MAX_INPUT_LENGTH, sanitizeInput } from "./input.ts";
import { findCommand, helpTopics } from "./registry.ts";

const QUERY_ECHO_LIMIT = 80;

function echo(text: string): string {
  return text.length > QUERY_ECHO_LIMIT ? `${text.slice(0, QUERY_ECHO_LIMIT)}…` : text;
}

function run(ctx: CommandContext, command: Command, options: Record<string, unknown>): Reply {
  const parsed = command.schema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return errorReply(ctx, {
      code: "bad_input",
      message: issue?.message ?? "that request is not valid",
      path: (issue?.path ?? []).map(String),
      usage: command.usage,
    });
  }
  try {
    return command.run(ctx, parsed.data);
  } catch (err) {
    // A bug must cost one answer, never the process.
    log.error({ err, query: ctx.query }, "command failed");
    return errorReply(ctx, {
      code: "internal",
      message: `Something went wrong answering that (${(err as Error).name}). It has been logged.`,
    });
  }
}

function contextFor(corpus: Corpus, command: string | null, query: string): CommandContext {
  return { corpus, command, query, commands: helpTopics };
}

/** Answers the text a user typed after `/factdesk` (or at the shell prompt). */
export function answerText(corpus: Corpus, rawText: string): Reply {
  if (rawText.length > MAX_INPUT_LENGTH) {
    const ctx = contextFor(corpus, null, echo(sanitizeInput(rawText)));
    return errorReply(ctx, {
      code: "too_long",
      message: `That is ${rawText.length} characters; Factdesk takes ${MAX_INPUT_LENGTH} at most. Shorten it and try again.`,
    });
  }
  const text = sanitizeInput(rawText);
  const space = text.indexOf(" ");
  const name = (space < 0 ? text : text.slice(0, space)).toLowerCase();
  const rest = space < 0 ? "" : text.slice(space + 1);
  if (name === "") return answerOptions(corpus, "help", {}, text);
  const command = findCommand(name);
  if (!command) {
    const ctx = contextFor(corpus, null, text);
    const near = closest(name, helpTopics, (c) => [c.name]);
    return errorReply(
      ctx,
      {
        code: "unknown_command",
        message: `Factdesk has no command "${echo(name)}".`,
        usage: `Commands: ${helpTopics.map((c) => c.name).join(", ")}. Try "help".`,
      },
      near.map((c) => ({ label: c.name, command: c.usage.replace(/ .*/, "") })),
    );
  }
  const [option] = command.options;
  if (!option && rest) {
    return errorReply(contextFor(corpus, command.name, text), {
      code: "bad_input",
      message: `"${command.name}" takes nothing after it.`,
      usage: command.usage,
    });
  }
  return run(
    contextFor(corpus, command.name, text),
    command,
    option && rest ? { [option.name]: rest } : {},
  );
}

/**
 * Answers a command given as typed options (Discord's slash-command options). The same schema
 * checks it as checks typed text, so both paths accept and refuse the same things.
 */
export function answerOptions(
  corpus: Corpus,
  name: string,
  options: Record<string, unknown>,
  query?: string,
): Reply {
  const command = findCommand(name);
  const shown = query ?? asTypedText([name], options);
  const ctx = contextFor(corpus, command?.name ?? null, echo(shown));
  if (!command) {
    return errorReply(ctx, {
      code: "unknown_command",
      message: `Factdesk has no command "${echo(name)}".`,
    });
  }
  return run(ctx, command, options);
}
