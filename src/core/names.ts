import { compactKey, foldText, nameKey, spellLetters } from "./text/normalize.ts";
import { closest } from "./text/suggest.ts";

/** Something a user can name: an actor, attack, figure topic or article. */
export interface NameEntry {
  id: string;
  label: string;
  /** Canonical name and aliases: an exact match on any of these resolves at once. */
  names: readonly string[];
  /** Further words it can be found by (place, date, kind), never matched exactly on their own. */
  words?: readonly string[];
}

export type Resolution =
  | { kind: "found"; id: string }
  | { kind: "ambiguous"; ids: string[] }
  | { kind: "missing"; suggestions: string[] };

export interface NameIndex {
  entries: ReadonlyMap<string, NameEntry>;
  resolve(query: string): Resolution;
  /** Entries whose names start with or contain the partial text, best first (autocomplete). */
  complete(partial: string, limit: number): Array<{ entry: NameEntry; name: string }>;
}

const FILLER = new Set(["the", "of", "in", "on", "at", "a", "an", "and", "to", "for", "s"]);

function strictKey(text: string): string {
  return foldText(text).replace(/ /g, "");
}

function wordsOf(text: string): string[] {
  return nameKey(text)
    .split(" ")
    .filter((w) => w && !FILLER.has(w));
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Ids by key, one id held as itself and more as a list: most keys name one entry, and a Set
 * apiece took 9 of the 19 MB the article names held at 10,000 articles.
 */
type Ids = Map<string, string | string[]>;

function add(map: Ids, key: string, id: string): void {
  const had = map.get(key);
  if (had === undefined) map.set(key, id);
  else if (typeof had === "string") {
    if (had !== id) map.set(key, [had, id]);
  } else if (!had.includes(id)) had.push(id);
}

function idsAt(map: Ids, key: string): readonly string[] {
  const ids = map.get(key);
  return ids === undefined ? [] : typeof ids === "string" ? [ids] : ids;
}

/**
 * Builds the look-up for one kind of thing. Resolution order: an exact name or alias (folded for
 * case, punctuation, diacritics and transliteration); else every word of the query found among an
 * entry's words (the last one as a prefix); else the nearest spellings as suggestions.
 */
export function buildNameIndex(
  list: readonly NameEntry[],
  /** Other scripts' letters as the texts spell them: a name typed in Cyrillic is tried so too. */
  letters: Readonly<Record<string, string>> = {},
): NameIndex {
  const entries = new Map(list.map((e) => [e.id, e]));
  // Exact spellings are tried before transliterated ones, so "ISKP" is not taken for "ISCP".
  const strict: Ids = new Map();
  const exact: Ids = new Map();
  const byWord: Ids = new Map();
  const spellings: Array<{ id: string; key: string; name: string }> = [];
  for (const e of list) {
    for (const name of e.names) {
      add(strict, strictKey(name), e.id);
      add(exact, compactKey(name), e.id);
      spellings.push({ id: e.id, key: nameKey(name), name });
    }
    for (const text of [...e.names, ...(e.words ?? [])]) {
      for (const w of wordsOf(text)) add(byWord, w, e.id);
    }
  }
  const sortedWords = [...byWord.keys()].sort();

  const idsForWord = (word: string, prefix: boolean): Set<string> => {
    if (!prefix || word.length < 3) return new Set(idsAt(byWord, word));
    const ids = new Set<string>();
    for (let i = lowerBound(sortedWords, word); i < sortedWords.length; i++) {
      const w = sortedWords[i] as string;
      if (!w.startsWith(word)) break;
      for (const id of idsAt(byWord, w)) ids.add(id);
    }
    return ids;
  };

  const byName = (a: string, b: string) =>
    (entries.get(a)?.label ?? a).localeCompare(entries.get(b)?.label ?? b);

  const resolveAsTyped = (query: string): Resolution => {
    const strictIds = idsAt(strict, strictKey(query));
    const hit = strictIds.length > 0 ? strictIds : idsAt(exact, compactKey(query));
    if (hit.length === 1) return { kind: "found", id: hit[0] as string };
    if (hit.length > 1) return { kind: "ambiguous", ids: [...hit].sort(byName) };

    const words = wordsOf(query);
    if (words.length > 0) {
      let found: Set<string> | null = null;
      words.forEach((w, i) => {
        const ids = idsForWord(w, i === words.length - 1);
        found = found === null ? ids : new Set([...found].filter((id) => ids.has(id)));
      });
      const ids = [...(found ?? new Set<string>())];
      if (ids.length === 1) return { kind: "found", id: ids[0] as string };
      if (ids.length > 1) return { kind: "ambiguous", ids: ids.sort(byName) };
    }

    const key = nameKey(query);
    const near = closest(key, spellings, (s) => [s.key], 12);
    const suggestions = [...new Set(near.map((s) => s.id))].slice(0, 3);
    return { kind: "missing", suggestions };
  };

  const resolve = (query: string): Resolution => {
    const typed = resolveAsTyped(query);
    const spelt = spellLetters(query, letters);
    if (typed.kind !== "missing" || spelt === query.toLowerCase()) return typed;
    return resolveAsTyped(spelt);
  };

  const complete = (partial: string, limit: number) => {
    const key = nameKey(partial);
    if (key === "") {
      return [...entries.values()]
        .sort((a, b) => a.label.localeCompare(b.label))
        .slice(0, limit)
        .map((entry) => ({ entry, name: entry.label }));
    }
    const ranked: Array<{ id: string; name: string; rank: number }> = [];
    for (const s of spellings) {
      const at = s.key.indexOf(key);
      if (at < 0) continue;
      const rank = s.key === key ? 0 : at === 0 ? 1 : s.key[at - 1] === " " ? 2 : 3;
      ranked.push({ id: s.id, name: s.name, rank });
    }
    if (ranked.length === 0) {
      for (const s of closest(key, spellings, (x) => [x.key], limit)) {
        ranked.push({ id: s.id, name: s.name, rank: 4 });
      }
    }
    ranked.sort((a, b) => a.rank - b.rank || a.name.length - b.name.length);
    const seen = new Set<string>();
    const out: Array<{ entry: NameEntry; name: string }> = [];
    for (const r of ranked) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const entry = entries.get(r.id) as NameEntry;
      out.push({ entry, name: r.name });
      if (out.length === limit) break;
    }
    return out;
  };

  return { entries, resolve, complete };
}
