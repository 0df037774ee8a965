/** A paragraph-sized span of one article: the unit search ranks and cites. */
export interface PassageSpan {
  article: number;
  start: number;
  end: number;
}

const MAX_PASSAGE = 700;

/**
 * Splits an article into paragraphs, and long paragraphs at sentence ends, so a hit is short
 * enough to quote and cite. Offsets point into the article's cleaned text.
 */
export function splitPassages(article: number, text: string): PassageSpan[] {
  const spans: PassageSpan[] = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    const lineEnd = lineStart + line.length;
    if (line.trim()) {
      let start = lineStart;
      while (lineEnd - start > MAX_PASSAGE) {
        const window = text.slice(start, start + MAX_PASSAGE);
        const cut = Math.max(
          window.lastIndexOf(". "),
          window.lastIndexOf("? "),
          window.lastIndexOf("! "),
        );
        const end = cut > MAX_PASSAGE / 3 ? start + cut + 1 : start + MAX_PASSAGE;
        spans.push({ article, start, end });
        start = end;
        while (text[start] === " ") start++;
      }
      spans.push({ article, start, end: lineEnd });
    }
    lineStart = lineEnd + 1;
  }
  return spans;
}
