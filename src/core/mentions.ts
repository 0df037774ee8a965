import type { Corpus } from "./corpus/types.ts";
import { passageSpan, postingDocs, type SearchIndex } from "./search/bm25.ts";
import { queryTerms } from "./search/tokenize.ts";
import { foldText } from "./text/normalize.ts";

// Short aliases ("IS", "US") are words in their own right, so they only count in capitals.
const SHORT_ALIAS = 3;

function nameMatcher(name: string): (text: string) => boolean {
  if (name.length <= SHORT_ALIAS) {
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`,
      "u",
    );
    return (text) => pattern.test(text);
  }
  const folded = ` ${foldText(name)} `;
  return (text) => ` ${foldText(text)} `.includes(folded);
}

/** Postings are in passage order, so membership is a binary search. */
function hasDoc(postings: Uint32Array, doc: number): boolean {
  let lo = 0;
  let hi = postings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = postings[mid] as number;
    if (at === doc) return true;
    if (at < doc) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/**
 * Ids of the articles whose text contains any of the names, in corpus order, plus `also`.
 * Candidates come from the search index's postings for each name's rarest term, so the cost
 * follows how often the name occurs, not the size of the archive.
 */
export function articlesNaming(
  corpus: Corpus,
  search: SearchIndex,
  names: readonly string[],
  also: Iterable<string> = [],
): string[] {
  const found = new Set(also);
  for (const name of names) {
    const termIds = queryTerms(name).map((t) => search.terms.get(t));
    // A name with a word no passage contains cannot occur anywhere.
    if (termIds.length === 0 || termIds.includes(undefined)) continue;
    const postings = (termIds as number[]).map((id) => postingDocs(search, id));
    const rarest = postings.reduce((a, b) => (b.length < a.length ? b : a));
    const matches = nameMatcher(name);
    for (const doc of rarest) {
      const span = passageSpan(search, doc);
      const article = span && corpus.articles[span.article];
      if (!span || !article || found.has(article.id)) continue;
      if (
        postings.every((p) => hasDoc(p, doc)) &&
        matches(article.text.slice(span.start, span.end))
      ) {
        found.add(article.id);
      }
    }
  }
  return corpus.articles.filter((a) => found.has(a.id)).map((a) => a.id);
}

/** Ids of the articles whose text names the actor by any of its names, or that cite it. */
export function findMentions(corpus: Corpus, search: SearchIndex, actorId: string): string[] {
  const actor = corpus.actorById.get(actorId);
  if (!actor) return [];
  const cited = [
    ...actor.citations.map((c) => c.article),
    ...actor.facts.flatMap((f) => f.citations.map((c) => c.article)),
  ];
  return articlesNaming(corpus, search, [actor.name, ...actor.aliases], cited);
}
