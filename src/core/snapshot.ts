import { type Statement, statementsOf } from "./changes.ts";
import type { Actor, FigureGroup } from "./corpus/schema.ts";
import type { Corpus } from "./corpus/types.ts";
import { canonicalJson } from "./corpus/version.ts";
import { actorEntries, attackEntries, eventEntries, figureEntries } from "./entries.ts";
import { type Judgement, judge } from "./figures/verdict.ts";
import { buildNameIndex, type NameEntry, type NameIndex } from "./names.ts";
import { buildQuestionIndex, type QuestionIndex } from "./questions/index.ts";
import type { Release } from "./release.ts";
import { buildSearchIndex, passageSpan, postingDocs, type SearchIndex } from "./search/bm25.ts";
import { splitPassages } from "./search/passages.ts";
import { queryTerms } from "./search/tokenize.ts";
import { runSteps, type Steps } from "./steps.ts";
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
  /** The mentions worked out so far, by actor id: what a next version with the same texts keeps. */
  mentionsKnown(): ReadonlyMap<string, readonly string[]>;
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
  return runSteps(snapshotSteps(corpus, prebuiltSearch, release));
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));

/** Whether `index` was built from exactly these entries, in this order. */
function builtFrom(index: NameIndex, list: readonly NameEntry[]): boolean {
  if (index.entries.size !== list.length) return false;
  let i = 0;
  for (const had of index.entries.values()) {
    const e = list[i++] as NameEntry;
    if (
      had.id !== e.id ||
      had.label !== e.label ||
      !sameList(had.names, e.names) ||
      !sameList(had.words, e.words)
    ) {
      return false;
    }
  }
  return true;
}

type Names = CorpusSnapshot["names"];

/**
 * buildSnapshot in steps, for a process that answers while it loads. Given the snapshot it
 * replaces, a name index whose entries did not change is taken over rather than rebuilt: a
 * publish usually edits a few records, and the article names alone take ~0.6 s at 10,000.
 */
export function* snapshotSteps(
  corpus: Corpus,
  prebuiltSearch?: SearchIndex,
  release: Release | null = null,
  previous?: CorpusSnapshot,
): Steps<CorpusSnapshot> {
  const search = prebuiltSearch ?? buildSearch(corpus);
  const { letters } = corpus.questions;
  const sameLetters =
    !!previous && canonicalJson(previous.corpus.questions.letters) === canonicalJson(letters);
  const lists: { [K in keyof Names]: () => NameEntry[] } = {
    actors: () => actorEntries(corpus.actors),
    attacks: () => attackEntries(corpus.attacks),
    events: () => eventEntries(corpus.events),
    figures: () => figureEntries(corpus.figures),
    articles: () =>
      corpus.articles.map((a) => ({
        id: a.id,
        label: `${a.outlet}: ${a.title}`,
        names: [a.id, a.outlet, a.title],
      })),
  };
  const names: Partial<Record<keyof Names, NameIndex>> = {};
  for (const kind of Object.keys(lists) as Array<keyof Names>) {
    yield;
    const list = lists[kind]();
    const had = previous?.names[kind];
    // Article names are matched without the other scripts' letters.
    const letterless = kind === "articles";
    names[kind] =
      had && (letterless || sameLetters) && builtFrom(had, list)
        ? had
        : buildNameIndex(list, letterless ? {} : letters);
  }
  yield;
  const same = previous ? yield* sameTexts(previous, corpus, search) : false;
  const mentions = new Map<string, readonly string[]>();
  if (previous && same) {
    for (const [id, ids] of previous.mentionsKnown()) {
      const had = previous.corpus.actorById.get(id);
      const actor = corpus.actorById.get(id);
      if (had && actor && canonicalJson(mentionInput(had)) === canonicalJson(mentionInput(actor))) {
        mentions.set(id, ids);
      }
    }
  }
  return makeSnapshot(
    corpus,
    previous && same ? previous.search : search,
    release,
    Object.freeze(names as Names),
    mentions,
  );
}

/** What an actor's mentions are worked out from, besides the texts. */
const mentionInput = (actor: Actor) => [
  actor.name,
  actor.aliases,
  actor.citations.map((c) => c.article),
  actor.facts.map((f) => f.citations.map((c) => c.article)),
];

/** Array elements compared between steps. */
const ELEMENTS_PER_STEP = 1 << 20;

function* sameArray(a: ArrayLike<number>, b: ArrayLike<number>): Steps<boolean> {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
    if (i % ELEMENTS_PER_STEP === ELEMENTS_PER_STEP - 1) yield;
  }
  return true;
}

/**
 * Whether the served snapshot has the same articles, in the same order, with the same texts and
 * the same search index: then its index is kept and the mentions it worked out still hold.
 */
function* sameTexts(previous: CorpusSnapshot, corpus: Corpus, search: SearchIndex): Steps<boolean> {
  const had = previous.corpus.articles;
  if (
    had.length !== corpus.articles.length ||
    !corpus.articles.every(
      (a, i) =>
        a.id === had[i]?.id &&
        a.sha256 === had[i]?.sha256 &&
        canonicalJson(a.removals) === canonicalJson(had[i]?.removals),
    )
  ) {
    return false;
  }
  const old = previous.search;
  if (old === search) return true;
  if (old.terms.size !== search.terms.size) return false;
  const keys = old.terms.keys();
  for (const term of search.terms.keys()) if (keys.next().value !== term) return false;
  for (const k of ["spans", "offsets", "postings", "df", "lengths"] as const) {
    if (!(yield* sameArray(old[k], search[k]))) return false;
  }
  return true;
}

function makeSnapshot(
  corpus: Corpus,
  search: SearchIndex,
  release: Release | null,
  names: Names,
  // Mentions are worked out per actor when first asked for and kept with this snapshot, so with
  // its version. Measured: all 1,000 actors of a 10,000-article archive up front cost 4.5 s of
  // start-up, and a request asks for one; the first 50 actor answers on a new snapshot took 7 s
  // at 10,000 articles, the same answers again 0.5 s, hence those of the served one are kept.
  mentions = new Map<string, readonly string[]>(),
): CorpusSnapshot {
  // Judging all 44 bundled groups costs ~165 µs, which `disputes` paid twice per answer.
  const judgements = new Map<string, Judgement>();
  let statements: ReadonlyMap<string, Statement> | undefined;
  let questions: QuestionIndex | undefined;
  return Object.freeze({
    corpus,
    release,
    names,
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
    mentionsKnown: () => mentions,
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
