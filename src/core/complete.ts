import type { Corpus } from "./corpus/types.ts";
import { indexesOf } from "./indexes.ts";

export type NameKind = "actor" | "attack" | "figure" | "article";

/**
 * Autocomplete choices for a partly typed name, ranked as the resolver ranks (exact, prefix, word
 * start, inside, then nearest spelling). `value` is text the resolver accepts exactly.
 */
export function completeNames(
  corpus: Corpus,
  kind: NameKind,
  partial: string,
  limit = 25,
): Array<{ name: string; value: string }> {
  const indexes = indexesOf(corpus);
  const index = {
    actor: indexes.actors,
    attack: indexes.attacks,
    figure: indexes.figures,
    article: indexes.articles,
  }[kind];
  return index.complete(partial, limit).map(({ entry, name }) => ({
    name: name === entry.label ? entry.label : `${name} (${entry.label})`,
    value: entry.names[0] ?? entry.id,
  }));
}
