import { actor } from "./actor.ts";
import { ask } from "./ask.ts";
import { attack } from "./attack.ts";
import { changes } from "./changes.ts";
import type { Command } from "./command.ts";
import { digest } from "./digest.ts";
import { disputes } from "./disputes.ts";
import { event } from "./event.ts";
import { figure } from "./figure.ts";
import { help } from "./help.ts";
import { search } from "./search.ts";
import { source } from "./source.ts";
import { sources } from "./sources.ts";
import { timeline } from "./timeline.ts";

/** Every command, in the order help lists them. */
export const commands: readonly Command[] = [
  help,
  ask,
  actor,
  attack,
  event,
  figure,
  search,
  sources,
  source,
  timeline,
  disputes,
  changes,
  digest,
] as Command[];

export function findCommand(name: string): Command | undefined {
  const wanted = name.toLowerCase();
  return commands.find((c) => c.name === wanted);
}
