import type { LoadedArticle } from "../corpus/types.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { sentenceSpans } from "../text/sentences.ts";
import { suggestFigureValues } from "./figures.ts";
import type { Suggestion } from "./types.ts";
import { reader } from "./words.ts";

export type * from "./types.ts";

/**
 * What a curator might take from an article's cleaned text, with its quote: figure values first.
 * Pure and deterministic; every quote is `article.text.slice(start, end)`.
 */
export function suggestArticle(snapshot: CorpusSnapshot, article: LoadedArticle): Suggestion[] {
  const sentences = sentenceSpans(article.text);
  const read = reader(snapshot);
  return [...suggestFigureValues(snapshot, article, sentences, read)].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
}
