import type { QuestionForm, QuestionWords } from "../corpus/questions-schema.ts";
import { queryTerms } from "../search/tokenize.ts";
import { foldText, spellLetters } from "../text/normalize.ts";

/** The commands a plain question can be answered by. */
export type QuestionKind = "figure" | "actor" | "attack" | "event" | "disputes" | "changes";

/** data/questions.json made ready to read questions by: built once per snapshot. */
export interface QuestionModel {
  /**
   * The question's form (how many, who leads…) and its words once the form's are taken off, unless
   * the form keeps them ("how old" asks for an age).
   */
  formOf(question: string): { form: QuestionForm | null; rest: string };
  /** The words' search terms, each as the meaning it stands for ("died" as "killed"). */
  termsOf(words: string): string[];
  /** The words' search terms as the texts would have them: no synonyms, ignored words out. */
  searchTermsOf(words: string): string[];
  /** The meaning a record's search term stands for, so records and questions meet on it. */
  meaningOf(term: string): string;
}

/**
 * Acronyms that are also common words, read as the name only when written in capitals in a
 * question that is not all capitals ("when did IS lose its territory", not "WHO IS GHAFARI").
 */
const CASED_NAMES: Readonly<Record<string, string>> = { IS: "Islamic State", US: "United States" };

function spellCasedNames(question: string): string {
  if (!/\p{Ll}/u.test(question)) return question;
  return question.replace(/\b(?:IS|US)\b/g, (name) => CASED_NAMES[name] ?? name);
}

/** A word as a phrase is matched by: its search term, or itself where it has none ("to"). */
function wordKey(word: string): string {
  return queryTerms(word)[0] ?? word;
}

/** Lower case, other scripts' letters spelt as the texts spell them, punctuation as spaces. */
function normalise(text: string, letters: Readonly<Record<string, string>>): string {
  return foldText(spellLetters(text, letters));
}

/**
 * `names`: the words records are named by, folded. One of them is never ignored, though its
 * search term is an ignored one's ("Sayed" is not "said").
 */
export function buildQuestionModel(
  words: QuestionWords,
  names: ReadonlySet<string> = new Set(),
): QuestionModel {
  // Longest opening first, so "who is the leader" is the leader form, not "who is".
  const openings = words.forms
    .flatMap((form) => form.starts.map((start) => ({ start, form })))
    .sort((a, b) => b.start.length - a.start.length);
  const meaning = new Map<string, string>();
  const exact = new Map<string, string>();
  const phrases: Array<{ keys: string[]; to: string[] }> = [];
  for (const [first, ...rest] of words.synonyms) {
    const to = queryTerms(first as string)[0] as string;
    for (const word of rest) {
      if (word.includes(" "))
        phrases.push({ keys: word.split(" ").map(wordKey), to: [first as string] });
      else if (word.startsWith("=")) exact.set(word.slice(1), to);
      else for (const term of queryTerms(word)) if (term !== to) meaning.set(term, to);
    }
  }
  // Longest first, so a phrase inside a longer one does not take its words.
  phrases.sort((a, b) => b.keys.length - a.keys.length);
  const ignored = new Set(words.ignore.flatMap((w) => queryTerms(w)));

  return {
    formOf(question) {
      const text = normalise(spellCasedNames(question), words.letters);
      for (const { start, form } of openings) {
        if (text === start || text.startsWith(`${start} `)) {
          return { form, rest: form.keep ? text : text.slice(start.length).trim() };
        }
      }
      return { form: null, rest: text };
    },
    termsOf(text) {
      const typed = normalise(text, words.letters).split(" ");
      const keys = typed.map(wordKey);
      // A phrase matches whatever form its words take: "come to power" as "coming to power".
      const read: string[] = [];
      for (let i = 0; i < typed.length; i++) {
        const phrase = phrases.find((p) => p.keys.every((key, j) => keys[i + j] === key));
        if (phrase) {
          read.push(...phrase.to);
          i += phrase.keys.length - 1;
        } else read.push(typed[i] as string);
      }
      const terms: string[] = [];
      for (const word of read) {
        const term = exact.get(word) ?? queryTerms(word)[0];
        if (term && (names.has(word) || !ignored.has(term))) terms.push(meaning.get(term) ?? term);
      }
      return [...new Set(terms)];
    },
    searchTermsOf: (text) =>
      queryTerms(normalise(text, words.letters)).filter((t) => !ignored.has(t)),
    meaningOf: (term) => meaning.get(term) ?? term,
  };
}
