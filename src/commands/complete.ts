import { completeNames } from "../core/complete.ts";
import type { Corpus } from "../core/corpus/types.ts";
import type { Completion } from "./command.ts";
import { helpTopics } from "./registry.ts";

/** Choices for an option with autocomplete: corpus names, or command names for help. */
export function completeOption(
  corpus: Corpus,
  kind: Completion,
  partial: string,
  limit = 25,
): Array<{ name: string; value: string }> {
  if (kind === "command") {
    const wanted = partial.trim().toLowerCase();
    return helpTopics
      .filter((c) => c.name.startsWith(wanted))
      .slice(0, limit)
      .map((c) => ({ name: c.name, value: c.name }));
  }
  return completeNames(corpus, kind, partial, limit);
}
