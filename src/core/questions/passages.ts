import { citationBook, type ReplyContext } from "../reply/build.ts";
import type { ReplyCitation } from "../reply/schema.ts";
import { documentFrequency, passageSpan, searchIndex } from "../search/bm25.ts";
import { tokenize } from "../search/tokenize.ts";

const TOP = 3;

/**
 * The best passages for a question no record answers, cited verbatim: only those that have its
 * most telling word (the one fewest passages have), so "how many people live in Dushanbe" cites
 * the passage that names Dushanbe, not one about people living elsewhere, and a question about
 * something the corpus never names cites none.
 */
export function passagesFor(ctx: ReplyContext, words: string): ReplyCitation[] {
  const { corpus, search, questions } = ctx.snapshot;
  const terms = questions.model.searchTermsOf(words);
  const book = citationBook(corpus);
  if (terms.length === 0) return [];
  // On a tie the later word: a question names its subject last ("… live in Dushanbe").
  const telling = terms.reduce((a, b) =>
    documentFrequency(search, b) <= documentFrequency(search, a) ? b : a,
  );
  for (const hit of searchIndex(search, terms.join(" "), TOP)) {
    const span = passageSpan(search, hit.passage);
    const article = span && corpus.articles[span.article];
    if (!span || !article) continue;
    const text = article.text.slice(span.start, span.end);
    if (tokenize(text).some((t) => t.term === telling)) {
      book.cite({ article: article.id, quote: text });
    }
  }
  return book.list();
}
