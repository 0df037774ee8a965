import type { LoadedArticle } from "../corpus/types.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { sentenceSpans } from "../text/sentences.ts";
import { suggestActorMentions, suggestNewActors } from "./actors.ts";
import { suggestDates } from "./dates.ts";
import { suggestAttacksAndEvents } from "./events.ts";
import { suggestFigureValues } from "./figures.ts";
import type { Suggestion } from "./types.ts";
import { reader } from "./words.ts";

export type * from "./types.ts";

/**
 * What a curator might take from an article's cleaned text, each with its quote: figure values,
 * known actors named, candidate new actors, dates, and candidate attacks and events.
 * Pure and deterministic; every quote is `article.text.slice(start, end)`.
 */
export function suggestArticle(snapshot: CorpusSnapshot, article: LoadedArticle): Suggestion[] {
  const sentences = sentenceSpans(article.text);
  const read = reader(snapshot);
  const mentions = suggestActorMentions(snapshot, article, sentences);
  const newActors = suggestNewActors(snapshot, article, sentences, mentions.taken);
  const dates = suggestDates(article, sentences, snapshot.corpus.attacks);
  const { attacks, events } = snapshot.corpus;
  return [
    ...suggestFigureValues(snapshot, article, sentences, read),
    ...mentions.suggestions,
    ...newActors,
    ...dates,
    ...suggestAttacksAndEvents(article, sentences, {
      attacks,
      events,
      mentions: mentions.taken,
      dates,
      newActors,
    }),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
}
