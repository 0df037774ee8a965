import type { CorpusSnapshot } from "./snapshot.ts";

export type NameKind = "actor" | "attack" | "event" | "figure" | "article";

/**
 * Autocomplete choices for a partly typed name, ranked as the resolver ranks (exact, prefix, word
 * start, inside, then nearest spelling). `value` is text the resolver accepts exactly.
 */
export function completeNames(
  snapshot: CorpusSnapshot,
  kind: NameKind,
  partial: string,
  limit = 25,
): Array<{ name: string; value: string }> {
  const { names } = snapshot;
  const index = {
    actor: names.actors,
    attack: names.attacks,
    event: names.events,
    figure: names.figures,
    article: names.articles,
  }[kind];
  return index.complete(partial, limit).map(({ entry, name }) => ({
    name: name === entry.label ? entry.label : `${name} (${entry.label})`,
    value: entry.names[0] ?? entry.id,
  }));
}
