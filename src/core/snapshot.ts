import { type Statement, statementsOf } from "./changes.ts";
import type { Actor, Attack, Event, FigureGroup, Place } from "./corpus/schema.ts";
import type { Corpus } from "./corpus/types.ts";
import { type Judgement, judge } from "./figures/verdict.ts";
import { buildNameIndex, type NameIndex } from "./names.ts";
import type { Release } from "./release.ts";
import { buildSearchIndex, type SearchIndex } from "./search/bm25.ts";
import { splitPassages } from "./search/passages.ts";
import { queryTerms } from "./search/tokenize.ts";
import { whenWords } from "./text/dates.ts";
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

/** Every name a look-up accepts: the editors' aliases too, though answers never show them. */
function namesOf(record: Actor | Attack | Event): string[] {
  return [record.name, ...record.aliases, ...record.editorAliases.map((e) => e.name)];
}

function placeWords(place: Place): string[] {
  return Object.values(place).filter((p): p is string => p !== null);
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
  return Object.freeze({
    corpus,
    release,
    names: Object.freeze({
      actors: buildNameIndex(
        corpus.actors.map((a) => ({ id: a.id, label: a.name, names: namesOf(a) })),
      ),
      attacks: buildNameIndex(
        corpus.attacks.map((a) => ({
          id: a.id,
          label: a.name,
          names: namesOf(a),
          words: [...placeWords(a.place), ...whenWords(a.date), ...a.kinds],
        })),
      ),
      events: buildNameIndex(
        corpus.events.map((e) => ({
          id: e.id,
          label: e.name,
          names: namesOf(e),
          words: [...placeWords(e.place), ...whenWords(e.date), e.kind],
        })),
      ),
      figures: buildNameIndex(
        corpus.figures.map((f) => ({
          id: f.id,
          label: f.measure,
          names: [...f.topics, f.id],
          words: [f.measure],
        })),
      ),
      articles: buildNameIndex(
        corpus.articles.map((a) => ({
          id: a.id,
          label: `${a.outlet}: ${a.title}`,
          names: [a.id, a.outlet, a.title],
        })),
      ),
    }),
    search,
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
