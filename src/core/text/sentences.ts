// A sentence ends at ".", "!" or "?" before a space and a capital or a quote, so "U.S. forces"
// and "2,500-3,500." inside a sentence do not end it early.
const FIRST_SENTENCE = /^.*?[^A-Z\s][.!?](?=\s+["“'(\p{Lu}])/su;

/** The text's first sentence: the lead of a curated summary. */
export function firstSentence(text: string): string {
  return FIRST_SENTENCE.exec(text)?.[0] ?? text;
}

/** A sentence of a text and where it stands (UTF-16 offsets, end exclusive). */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

// The same boundary as FIRST_SENTENCE, and a line break always ends one (paragraphs, headings).
const SENTENCE_END = /[^A-Z\s][.!?][”"’)\]\d]*(?=\s+["“'(\p{Lu}])|\n/gu;

/** Every sentence of the text, trimmed, in order. */
export function sentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let from = 0;
  const push = (to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) spans.push({ text: body, start: from + lead, end: from + lead + body.length });
  };
  for (const m of text.matchAll(SENTENCE_END)) {
    const to = m.index + m[0].length;
    push(to);
    from = to;
  }
  push(text.length);
  return spans;
}
