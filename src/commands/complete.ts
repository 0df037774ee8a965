import { completeNames } from "../core/complete.ts";
import type { CorpusSnapshot } from "../core/snapshot.ts";
import type { Completion } from "./command.ts";
import { commands } from "./registry.ts";

/** Choices for an option with autocomplete: corpus names, or command names for help. */
export function completeOption(
  snapshot: CorpusSnapshot,
  kind: Completion,
  partial: string,
  limit = 25,
): Array<{ name: string; value: string }> {
  if (kind === "command") {
    const wanted = partial.trim().toLowerCase();
    return commands
      .filter((c) => c.name.startsWith(wanted))
      .slice(0, limit)
      .map((c) => ({ name: c.name, value: c.name }));
  }
  return completeNames(snapshot, kind, partial, limit);
}
