import { actor } from "./actor.ts";
import { attack } from "./attack.ts";
import type { Command, CommandInfo } from "./command.ts";
import { digestInfo } from "./digest.ts";
import { disputes } from "./disputes.ts";
import { figure } from "./figure.ts";
import { help } from "./help.ts";
import { search } from "./search.ts";
import { source } from "./source.ts";
import { sources } from "./sources.ts";
import { timeline } from "./timeline.ts";

/** Every command, in the order help lists them. */
export const commands: readonly Command[] = [
  help,
  actor,
  attack,
  figure,
  search,
  sources,
  source,
  timeline,
  disputes,
] as Command[];

/** What help lists: the commands answered from the corpus, and digest, which needs a channel. */
export const helpTopics: readonly CommandInfo[] = [...commands, digestInfo];

export function findCommand(name: string): Command | undefined {
  const wanted = name.toLowerCase();
  return commands.find((c) => c.name === wanted);
}
