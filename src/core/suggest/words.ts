import type { CorpusSnapshot } from "../snapshot.ts";
import { foldText, nameKey } from "../text/normalize.ts";

/** A word of a text and where it stands. */
export interface WordAt {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;

/** The words of a text with their offsets. */
export function wordsIn(text: string): WordAt[] {
  return [...text.matchAll(WORD)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** A lower-case slug for a proposed record's id, as the schema wants ids. */
export function slug(text: string): string {
  return foldText(text).replace(/ /g, "-").slice(0, 80).replace(/-+$/, "") || "suggested";
}

/** How the suggestion rules read words: as the question index reads them, built once per call. */
export interface Reader {
  /** The words' terms, each as the meaning it stands for ("died" as "killed"). */
  termsOf(text: string): string[];
  /** The measure one word stands for ("died" → "killed"), or null. */
  measureOf(word: string): string | null;
  /** Every measure: the first word of each of data/questions.json's synonym rows. */
  measures: ReadonlySet<string>;
}

export function reader(snapshot: CorpusSnapshot): Reader {
  const { model } = snapshot.questions;
  const measures = new Set(
    snapshot.corpus.questions.synonyms.flatMap(([first]) =>
      first ? model.termsOf(first).slice(0, 1) : [],
    ),
  );
  const cache = new Map<string, string | null>();
  return {
    termsOf: model.termsOf,
    measureOf(word) {
      let m = cache.get(word);
      if (m === undefined) {
        const term = model.termsOf(word)[0];
        m = term && measures.has(term) ? term : null;
        cache.set(word, m);
      }
      return m;
    },
    measures,
  };
}

/** A text folded as foldText folds it, with each folded character's offset in the original. */
export interface Folded {
  /** " " + folded text + " ", so a name's folded form can be found between spaces. */
  padded: string;
  /** Offset in the original of padded[i], and the end of the last character. */
  from: number[];
  to: number[];
}

export function foldWithOffsets(text: string): Folded {
  let padded = " ";
  const from = [0];
  const to = [0];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const ch = String.fromCodePoint(cp).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    for (const c of ch) {
      if (/[\p{L}\p{N}]/u.test(c)) {
        padded += c;
      } else if (!padded.endsWith(" ")) {
        padded += " ";
      } else continue;
      from.push(i);
      to.push(i + width);
    }
    i += width;
  }
  if (!padded.endsWith(" ")) {
    padded += " ";
    from.push(text.length);
    to.push(text.length);
  }
  return { padded, from, to };
}

/** Where a name occurs in the folded text, as offsets into the original, word-bounded. */
export function occurrencesOf(folded: Folded, name: string): Array<{ start: number; end: number }> {
  const key = foldText(name);
  if (!key) return [];
  const needle = ` ${key} `;
  const out: Array<{ start: number; end: number }> = [];
  for (
    let at = folded.padded.indexOf(needle);
    at >= 0;
    at = folded.padded.indexOf(needle, at + 1)
  ) {
    out.push({
      start: folded.from[at + 1] as number,
      end: folded.to[at + key.length] as number,
    });
  }
  return out;
}

/** A word of a text as name look-ups key it (folded and transliterated: "Amak" as "Amaq"). */
export interface KeyedWord {
  key: string;
  start: number;
  end: number;
}

const NAME_WORD = /[\p{L}\p{N}]+/gu;

export function keyedWords(text: string): KeyedWord[] {
  return [...text.matchAll(NAME_WORD)].map((m) => ({
    key: nameKey(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Where a name's words occur in a row, keyed as look-ups key them. */
export function keyedOccurrences(
  words: readonly KeyedWord[],
  name: string,
): Array<{ start: number; end: number }> {
  const keys = foldText(name)
    .split(" ")
    .map((w) => nameKey(w))
    .filter(Boolean);
  if (keys.length === 0) return [];
  const out: Array<{ start: number; end: number }> = [];
  for (let i = 0; i + keys.length <= words.length; i++) {
    if (keys.every((k, j) => words[i + j]?.key === k)) {
      out.push({
        start: (words[i] as KeyedWord).start,
        end: (words[i + keys.length - 1] as KeyedWord).end,
      });
    }
  }
  return out;
}
