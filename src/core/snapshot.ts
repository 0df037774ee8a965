import { type Statement, statementsOf } from "./changes.ts";
import type { FigureGroup } from "./corpus/schema.ts";
import type { Corpus, LoadedArticle } from "./corpus/types.ts";
import { canonicalJson } from "./corpus/version.ts";
import { actorEntries, attackEntries, eventEntries, figureEntries } from "./entries.ts";
import { type Judgement, judge } from "./figures/verdict.ts";
import { findMentions } from "./mentions.ts";
import { buildNameIndex, type NameEntry, type NameIndex } from "./names.ts";
import { buildSearch, type Prebuilt } from "./prebuilt.ts";
import { buildQuestionIndex, type QuestionIndex } from "./questions/index.ts";
import type { Release } from "./release.ts";
import type { SearchIndex } from "./search/bm25.ts";
import { runSteps, type Steps } from "./steps.ts";

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

/**
 * Builds the snapshot of a validated corpus. What was built when it was published (read from
 * disk) can be supplied so start-up does not grow with the archive.
 */
export function buildSnapshot(
  corpus: Corpus,
  prebuilt?: Prebuilt,
  release: Release | null = null,
): CorpusSnapshot {
  return runSteps(snapshotSteps(corpus, prebuilt, release));
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
  prebuilt?: Prebuilt,
  release: Release | null = null,
  previous?: CorpusSnapshot,
): Steps<CorpusSnapshot> {
  const search = prebuilt?.search ?? buildSearch(corpus);
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
  const mentions = prebuilt?.mentions;
  return makeSnapshot(
    corpus,
    previous && same ? previous.search : search,
    release,
    Object.freeze(names as Names),
    // Another corpus's mentions are worked out again instead.
    mentions?.version === corpus.version && mentions.articles === corpus.articles.length
      ? mentions.byActor
      : undefined,
  );
}

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
 * the same search index: then its index is kept.
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
  // What the publish worked out; without it (an index saved by older code, a test corpus) each
  // actor's are worked out when first asked for: all 1,000 actors of a 10,000-article archive
  // cost 4.5 s, which a publish pays rather than every start-up.
  prebuilt?: ReadonlyMap<string, Uint32Array>,
): CorpusSnapshot {
  const mentions = new Map<string, readonly string[]>();
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
        const known = prebuilt?.get(actorId);
        ids = known
          ? Array.from(known, (i) => (corpus.articles[i] as LoadedArticle).id)
          : findMentions(corpus, search, actorId);
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
