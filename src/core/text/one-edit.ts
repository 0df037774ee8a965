import { distance } from "fastest-levenshtein";

/**
 * The words one edit from a term, among `words` at least `minLength` long, that share its first
 * letter: a typo rarely hits the first one, and grouping by it keeps each look-up short.
 */
export function oneEditAway(
  words: Iterable<string>,
  minLength = 0,
): (term: string) => readonly string[] {
  const byInitial = new Map<string, string[]>();
  for (const word of words) {
    if (word.length < minLength) continue;
    const list = byInitial.get(word[0] as string);
    if (list) list.push(word);
    else byInitial.set(word[0] as string, [word]);
  }
  return (term) =>
    (byInitial.get(term[0] as string) ?? []).filter(
      (w) => Math.abs(w.length - term.length) <= 1 && distance(w, term) === 1,
    );
}
