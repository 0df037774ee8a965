import {
  citationBook,
  errorReply,
  item,
  okReply,
  type ReplyContext,
  section,
} from "../reply/build.ts";
import type { DataOf } from "../reply/data-schema.ts";
import type { Reply } from "../reply/schema.ts";
import { searchIndex } from "../search/bm25.ts";
import { queryTerms, tokenize } from "../search/tokenize.ts";
import { askedRelationQuotes } from "./asked-relations.ts";

const TOP = 5;

export function searchAnswer(ctx: ReplyContext, words: string): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const index = snapshot.search;
  const terms = new Set(queryTerms(words));
  if (terms.size === 0) {
    return errorReply(ctx, {
      code: "bad_input",
      message: `"${words}" has only very common words; add a name, place or topic.`,
      path: ["words"],
      usage: "search <words>",
    });
  }
  // Passages the curated relations cite for what was asked come first, then the best matches.
  const asked = askedRelationQuotes(snapshot, terms).flatMap((c) => {
    const at = corpus.articles.findIndex((a) => a.id === c.article);
    const offset = corpus.articles[at]?.text.indexOf(c.quote) ?? -1;
    const passage = index.passages.findIndex(
      (p) => p.article === at && p.start <= offset && offset < p.end,
    );
    return passage < 0 ? [] : [passage];
  });
  const ranked = searchIndex(index, words, TOP).map((h) => h.passage);
  const hits = [...new Set([...asked, ...ranked])].slice(0, TOP).map((passage) => ({ passage }));
  if (hits.length === 0) {
    return errorReply(
      ctx,
      {
        code: "not_found",
        message: `No passage in the corpus matches "${words}".`,
        path: ["words"],
      },
      [{ label: "List the articles", command: "sources" }],
    );
  }
  const book = citationBook(corpus);
  const passages: DataOf<"search">["passages"] = [];
  const items = hits.map((hit) => {
    const span = index.passages[hit.passage];
    const article = span && corpus.articles[span.article];
    if (!span || !article)
      throw new Error(`search index out of step with corpus at ${hit.passage}`);
    const text = article.text.slice(span.start, span.end);
    passages.push({ articleId: article.id, start: span.start, end: span.end });
    const highlights = tokenize(text)
      .filter((t) => terms.has(t.term))
      .map((t): [number, number] => [t.start, t.end]);
    return item(text, [book.cite({ article: article.id, quote: text })], { highlights });
  });
  return okReply(
    ctx,
    {
      kind: "search",
      title: `Search: ${words}`,
      summary: `The ${items.length} best-matching passage${items.length === 1 ? "" : "s"}, best first.`,
      fields: [],
      sections: [section("Passages", items)],
      data: { kind: "search", terms: [...terms], passages },
    },
    book,
  );
}
