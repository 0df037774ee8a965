import { type Statement, statementsOf } from "./changes.ts";
import type { FigureGroup } from "./corpus/schema.ts";
import type { Corpus } from "./corpus/types.ts";
import { actorEntries, attackEntries, eventEntries, figureEntries } from "./entries.ts";
import { type Judgement, judge } from "./figures/verdict.ts";
import { buildNameIndex, type NameIndex } from "./names.ts";
import { buildQuestionIndex, type QuestionIndex } from "./questions/index.ts";
import type { Release } from "./release.ts";
import { buildSearchIndex, type SearchIndex } from "./search/bm25.ts";
import { splitPassages } from "./search/passages.ts";
import { queryTerms } from "./search/tokenize.ts";
import { foldText } from "./text/normalize.ts";

/**
 * One corpus version and everything derived from it, built before it is used and never changed
 * as others see it. Every answer is a pure function of the snapshot it is given, so a new version
 * is one new value: nothing derived is cached anywhere else.
 */
export interface CorpusSnapshot {
  readonly corpus: Corpus;
  /** Where the corpus sits in the published sequence; null when it was read from a directory. */
  readonly release: Release | null;
  readonly names: {
    readonly actors: NameIndex;
    readonly attacks: NameIndex;
    readonly events: NameIndex;
    readonly figures: NameIndex;
    readonly articles: NameIndex;
  };
  readonly search: SearchIndex;
  /** What plain questions are read by: data/questions.json's words and every record's terms. */
  readonly questions: QuestionIndex;
  /** Ids of the articles whose text names an actor (by any alias) or that cite it. */
  mentionsOf(actorId: string): readonly string[];
  /** How a figure group's values relate: judged once per snapshot, since every answer reads it. */
  judgementOf(group: FigureGroup): Judgement;
  /** Every statement by its stable id, built when first asked for (digests and `changes` ask). */
  statements(): ReadonlyMap<string, Statement>;
}

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
    const postings = (termIds as number[]).map((id) =>
      search.docs.subarray(search.offsets[id], search.offsets[id + 1]),
    );
    const rarest = postings.reduce((a, b) => (b.length < a.length ? b : a));
    const matches = nameMatcher(name);
    for (const doc of rarest) {
      const span = search.passages[doc];
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

function findMentions(corpus: Corpus, search: SearchIndex, actorId: string): string[] {
  const actor = corpus.actorById.get(actorId);
  if (!actor) return [];
  const cited = [
    ...actor.citations.map((c) => c.article),
    ...actor.facts.flatMap((f) => f.citations.map((c) => c.article)),
  ];
  return articlesNaming(corpus, search, [actor.name, ...actor.aliases], cited);
}

export function buildSearch(corpus: Corpus): SearchIndex {
  const texts = corpus.articles.map((a) => a.text);
  return buildSearchIndex(
    texts,
    texts.flatMap((t, i) => splitPassages(i, t)),
  );
}

/**
 * Builds the snapshot of a validated corpus. A prebuilt search index (read from disk) can be
 * supplied so start-up does not grow with the archive.
 */
export function buildSnapshot(
  corpus: Corpus,
  prebuiltSearch?: SearchIndex,
  release: Release | null = null,
): CorpusSnapshot {
  const search = prebuiltSearch ?? buildSearch(corpus);
  // Mentions are worked out per actor when first asked for and kept with this snapshot, so with
  // its version. Measured: all 1,000 actors of a 10,000-article archive up front cost 4.5 s of
  // start-up, and a request asks for one.
  const mentions = new Map<string, readonly string[]>();
  // Judging all 44 bundled groups costs ~165 µs, which `disputes` paid twice per answer.
  const judgements = new Map<string, Judgement>();
  let statements: ReadonlyMap<string, Statement> | undefined;
  let questions: QuestionIndex | undefined;
  const { letters } = corpus.questions;
  return Object.freeze({
    corpus,
    release,
    names: Object.freeze({
      actors: buildNameIndex(actorEntries(corpus.actors), letters),
      attacks: buildNameIndex(attackEntries(corpus.attacks), letters),
      events: buildNameIndex(eventEntries(corpus.events), letters),
      figures: buildNameIndex(figureEntries(corpus.figures), letters),
      articles: buildNameIndex(
        corpus.articles.map((a) => ({
          id: a.id,
          label: `${a.outlet}: ${a.title}`,
          names: [a.id, a.outlet, a.title],
        })),
      ),
    }),
    search,
    // Built on the first question and kept with this snapshot: measured 53 ms on the bundled
    // corpus and 260 ms at 10,000 articles, which start-up need not pay before anyone asks.
    get questions() {
      questions ??= buildQuestionIndex(corpus);
      return questions;
    },
    mentionsOf(actorId: string) {
      let ids = mentions.get(actorId);
      if (!ids) {
        ids = findMentions(corpus, search, actorId);
        mentions.set(actorId, ids);
      }
      return ids;
    },
    judgementOf(group: FigureGroup) {
      let judged = judgements.get(group.id);
      if (!judged) {
        judged = judge(group, corpus.qualifiers);
        judgements.set(group.id, judged);
      }
      return judged;
    },
    statements() {
      statements ??= statementsOf(corpus);
      return statements;
    },
  });
}
