import type { CorpusSnapshot } from "../snapshot.ts";
import { foldText } from "../text/normalize.ts";

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
