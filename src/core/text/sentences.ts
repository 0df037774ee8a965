// A sentence ends at ".", "!" or "?" before a space and a capital or a quote, so "U.S. forces"
// and "2,500-3,500." inside a sentence do not end it early.
const FIRST_SENTENCE = /^.*?[^A-Z\s][.!?](?=\s+["“'(\p{Lu}])/su;

/** The text's first sentence: the lead of a curated summary. */
export function firstSentence(text: string): string {
  return FIRST_SENTENCE.exec(text)?.[0] ?? text;
}
