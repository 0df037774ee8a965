import { stemmer } from "stemmer";

// Words too common to rank by; dropping them keeps posting lists short on a large archive.
const STOP_WORDS = new Set(
  (
    "a about after again against all also am an and any are as at be because been before being " +
    "between both but by can could did do does doing down during each even few for from further " +
    "had has have having he her here hers him his how i if in into is it its itself just me more " +
    "most my no nor not now of off on once only or other our out over own said same says she " +
    "should so some such than that the their them then there these they this those through to " +
    "too under until up very was we were what when where which while who whom why will with " +
    "would you your"
  ).split(" "),
);

export interface Token {
  term: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

function termOf(word: string): string | null {
  const folded = word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  if (STOP_WORDS.has(folded)) return null;
  return /^\d+$/.test(folded) ? folded : stemmer(folded);
}

/** Index terms of a text with their character offsets: folded, stop words out, stemmed. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = termOf(m[0]);
    if (term) tokens.push({ term, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** Just the terms, deduplicated in order: what a query asks for. */
export function queryTerms(text: string): string[] {
  return [...new Set(tokenize(text).map((t) => t.term))];
}
