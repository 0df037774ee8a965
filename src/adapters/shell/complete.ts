import type { CommandInfo } from "../../commands/command.ts";
import { findCommand } from "../../commands/registry.ts";
import type { Responder } from "../../commands/responder.ts";

/** What readline's completer returns: the choices, and the typed text they would replace. */
export type Completions = [choices: string[], replacing: string];

/** help's option completes command names: the first word asks for it. */
const COMMAND_NAMES = { command: "help", option: "command" } as const;

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** A single choice for a word is completed with the space that follows it. */
function words(choices: string[], typed: string): Completions {
  return [choices.length === 1 ? [`${choices[0]} `] : choices, typed];
}

/**
 * The option being typed after a subcommand, e.g. `topic isk` in "digest preview topic isk":
 * options there are named before their value.
 */
function namedOption(info: CommandInfo, rest: string) {
  for (const option of info.options) {
    if (!option.complete) continue;
    const m = new RegExp(`(?:^|\\s)${option.name}\\s+(.*)$`, "i").exec(rest);
    if (m) return { option: option.name, partial: m[1] ?? "" };
  }
  return null;
}

/**
 * Tab completion for the shell, from the same resolver as Discord's autocomplete: the first word
 * completes to a command, what follows a command to that command's option values (actor names
 * after "actor", figures after "figure", a subcommand and its named options after "digest").
 */
export function shellCompleter(responder: Responder): (line: string) => Completions {
  const values = (request: Parameters<Responder["complete"]>[0]) =>
    unique(responder.complete(request).map((c) => c.value));
  return (line) => {
    const text = line.trimStart();
    const space = text.indexOf(" ");
    if (space < 0) return words(values({ ...COMMAND_NAMES, partial: text }), text);
    const command = findCommand(text.slice(0, space));
    const rest = text.slice(space + 1).trimStart();
    if (!command) return [[], rest];
    if (command.subcommands) {
      const gap = rest.indexOf(" ");
      const typed = gap < 0 ? rest : rest.slice(0, gap);
      if (gap < 0) {
        const names = command.subcommands.map((s) => s.name);
        return words(
          names.filter((n) => n.startsWith(typed.toLowerCase())),
          typed,
        );
      }
      const sub = command.subcommands.find((s) => s.name === typed.toLowerCase());
      const named = sub && namedOption(sub, rest.slice(gap + 1));
      if (!named) return [[], rest];
      return [values({ command: command.name, subcommand: sub.name, ...named }), named.partial];
    }
    const option = command.options[0];
    if (!option?.complete) return [[], rest];
    return [values({ command: command.name, option: option.name, partial: rest }), rest];
  };
}
