import { readFileSync } from "node:fs";
import type { Citation, FuzzyDate, When } from "../../src/core/corpus/schema.ts";
import { Article } from "../../src/core/corpus/schema.ts";
import type { Corpus, LoadedArticle } from "../../src/core/corpus/types.ts";
import { namesOf } from "../../src/core/entries.ts";
import { articlesNaming } from "../../src/core/mentions.ts";
import { buildSnapshot, type CorpusSnapshot } from "../../src/core/snapshot.ts";
import { type Suggestion, suggestArticle } from "../../src/core/suggest/suggest.ts";
import { foldText } from "../../src/core/text/normalize.ts";

// How good the suggestions are: run them on an article the snapshot does not know, and compare
// with what a curator took from it. For the five bundled articles the snapshot is the corpus
// without the article (leave one out); the fixture articles were curated by hand, up front.

/** What a curator took from one article: values, known actors named, dates. */
export interface Curated {
  figures: Array<{
    quote: string;
    value?: number;
    low?: number;
    high?: number;
    qualifier: string | null;
    group?: string;
  }>;
  actors: string[];
  dates: Array<{ value: string; precision: FuzzyDate["precision"]; words: string }>;
}

export interface Case {
  article: LoadedArticle;
  snapshot: CorpusSnapshot;
  curated: Curated;
}

/** A new article of the given text, dated `published` (a Wednesday by default). */
export function articleWithText(
  snapshot: CorpusSnapshot,
  text: string,
  published = "2024-03-27",
): LoadedArticle {
  const base = snapshot.corpus.articles[0] as LoadedArticle;
  return {
    ...base,
    id: "test-article",
    published: { value: published, precision: "day", estimated: false },
    text,
  };
}

const keep = (id: string) => (c: Citation) => c.article !== id;

/** The corpus as it would be had the article never been curated: its records and citations out. */
export function withoutArticle(corpus: Corpus, id: string): Corpus {
  const articles = corpus.articles.filter((a) => a.id !== id);
  const folded = articles.map((a) => ` ${foldText(a.text)} `);
  const inTexts = (name: string) => folded.some((t) => t.includes(` ${foldText(name)} `));
  const facts = <F extends { citations: Citation[] }>(list: readonly F[]) =>
    list
      .map((f) => ({ ...f, citations: f.citations.filter(keep(id)) }))
      .filter((f) => f.citations.length > 0);
  const actors = corpus.actors
    .map((a) => ({
      ...a,
      citations: a.citations.filter(keep(id)),
      facts: facts(a.facts),
      aliases: a.aliases.filter(inTexts),
    }))
    .filter((a) => a.citations.length > 0);
  const actorIds = new Set(actors.map((a) => a.id));
  const figures = corpus.figures
    .map((g) => ({
      ...g,
      values: g.values.filter((v) => v.citation.article !== id),
      about: { ...g.about, actors: g.about.actors.filter((a) => actorIds.has(a)) },
    }))
    .filter((g) => g.values.length > 0);
  const figureIds = new Set(figures.map((g) => g.id));
  const attacks = corpus.attacks
    .map((a) => ({
      ...a,
      citations: a.citations.filter(keep(id)),
      facts: facts(a.facts),
      aliases: a.aliases.filter(inTexts),
      perpetrators: facts(a.perpetrators).filter((p) => actorIds.has(p.actor)),
      casualties: {
        killed:
          a.casualties.killed && figureIds.has(a.casualties.killed) ? a.casualties.killed : null,
        injured:
          a.casualties.injured && figureIds.has(a.casualties.injured) ? a.casualties.injured : null,
      },
    }))
    .filter((a) => a.citations.length > 0);
  const events = corpus.events
    .map((e) => ({
      ...e,
      citations: e.citations.filter(keep(id)),
      facts: facts(e.facts),
      aliases: e.aliases.filter(inTexts),
      actors: e.actors.filter((a) => actorIds.has(a.actor)),
    }))
    .filter((e) => e.citations.length > 0);
  const relations = facts(corpus.relations).filter(
    (r) => actorIds.has(r.subject) && actorIds.has(r.object),
  );
  const byId = <T extends { id: string }>(list: readonly T[]) =>
    new Map(list.map((r) => [r.id, r]));
  return {
    ...corpus,
    version: `${corpus.version}-without-${id}`,
    articles,
    actors,
    relations,
    attacks,
    events,
    figures,
    articleById: byId(articles),
    actorById: byId(actors),
    attackById: byId(attacks),
    eventById: byId(events),
    figureById: byId(figures),
  };
}

/** The dates a record gives in the article's words: plain dates, not spans. */
function datesOf(when: When, article: string, citations: readonly Citation[], text: string) {
  if (!citations.some((c) => c.article === article)) return [];
  if ("from" in when) return [];
  const words = when.words ?? when.derivedFrom;
  if (!words || !text.includes(words)) return [];
  return [{ value: when.value, precision: when.precision, words }];
}

/**
 * What the bundled corpus curates from one of its articles. Its actor mentions are the actors it
 * cites from the article whose names the text has (as the snapshot's mentionsOf finds names),
 * and that the rest of the corpus knows.
 */
export function curatedFrom(full: CorpusSnapshot, article: LoadedArticle, known: Corpus): Curated {
  const corpus = full.corpus;
  const id = article.id;
  const cites = (list: readonly Citation[]) => list.some((c) => c.article === id);
  const figures = corpus.figures.flatMap((g) =>
    g.values
      .filter((v) => v.citation.article === id)
      .map((v) => ({
        quote: v.citation.quote,
        ...(v.value !== undefined && { value: v.value }),
        ...(v.low !== undefined && { low: v.low }),
        ...(v.high !== undefined && { high: v.high }),
        qualifier: v.qualifier,
        group: g.id,
      })),
  );
  const actors = new Set<string>();
  for (const a of corpus.actors) {
    if (cites(a.citations) || a.facts.some((f) => cites(f.citations))) actors.add(a.id);
  }
  for (const r of corpus.relations) {
    if (cites(r.citations)) for (const a of [r.subject, r.object]) actors.add(a);
  }
  for (const attack of corpus.attacks) {
    for (const p of attack.perpetrators) {
      if (cites(p.citations)) for (const a of [p.actor, ...p.by]) actors.add(a);
    }
  }
  for (const e of corpus.events) {
    if (cites(e.citations)) for (const a of e.actors) actors.add(a.actor);
  }
  const dates = [...corpus.attacks, ...corpus.events].flatMap((r) =>
    datesOf(r.date, id, r.citations, article.text),
  );
  return {
    figures,
    // Only actors the rest of the corpus knows can be suggested as mentions; the others are new.
    actors: [...actors]
      .filter((a) => known.actorById.has(a))
      .filter((a) => {
        const actor = corpus.actorById.get(a);
        if (!actor) return false;
        return articlesNaming(corpus, full.search, namesOf(actor)).includes(article.id);
      })
      .sort(),
    dates: dates.filter(
      (d, i) => dates.findIndex((o) => o.value === d.value && o.words === d.words) === i,
    ),
  };
}

/** The five bundled articles, each against the corpus without it. */
export function leaveOneOutCases(full: CorpusSnapshot): Case[] {
  return full.corpus.articles.map((article) => {
    const rest = withoutArticle(full.corpus, article.id);
    return { article, snapshot: buildSnapshot(rest), curated: curatedFrom(full, article, rest) };
  });
}

const FIXTURES = new URL("../fixtures/suggest/articles.json", import.meta.url);

/** The hand-curated fixture articles, against the whole bundled corpus. */
export function fixtureCases(snapshot: CorpusSnapshot): Case[] {
  const rows = JSON.parse(readFileSync(FIXTURES, "utf8")) as Array<{
    article: unknown;
    text: string;
    expected: Curated;
  }>;
  return rows.map((row) => ({
    article: { ...Article.parse(row.article), text: row.text },
    snapshot,
    curated: row.expected,
  }));
}

export interface Score {
  curated: number;
  suggested: number;
  /** Curated items some suggestion found. */
  found: number;
  /** Suggestions that are some curated item. */
  right: number;
}

export const recall = (s: Score) => (s.curated === 0 ? 1 : s.found / s.curated);
export const precision = (s: Score) => (s.suggested === 0 ? 1 : s.right / s.suggested);

const occurrences = (text: string, quote: string) => {
  const spans: Array<[number, number]> = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    spans.push([at, at + quote.length]);
  }
  return spans;
};
const overlaps = (s: Suggestion, spans: ReadonlyArray<[number, number]>) =>
  spans.some(([a, b]) => s.start < b && a < s.end);

/** Matches suggestions to curated items one to one, in text order. */
function score<C>(
  suggestions: readonly Suggestion[],
  curated: readonly C[],
  fits: (s: Suggestion, c: C) => boolean,
): Score & { pairs: Array<[Suggestion, C]> } {
  const used = new Set<Suggestion>();
  const pairs: Array<[Suggestion, C]> = [];
  for (const c of curated) {
    const s = suggestions.find((x) => !used.has(x) && fits(x, c));
    if (s) {
      used.add(s);
      pairs.push([s, c]);
    }
  }
  const right = suggestions.filter((s) => used.has(s) || curated.some((c) => fits(s, c))).length;
  return {
    curated: curated.length,
    suggested: suggestions.length,
    found: pairs.length,
    right,
    pairs,
  };
}

export interface CaseScore {
  figures: Score & { qualifierRight: number; groupRight: number; groupCurated: number };
  actors: Score;
  dates: Score;
  missed: { figures: string[]; actors: string[]; dates: string[] };
  wrong: { figures: string[]; actors: string[]; dates: string[] };
}

/** Runs the suggestions on one case and scores them against its curation. */
export function scoreCase({ article, snapshot, curated }: Case): CaseScore {
  const all = suggestArticle(snapshot, article);
  const text = article.text;
  const figures = all.filter((s) => s.kind === "figure-value");
  const figureScore = score(figures, curated.figures, (s, c) => {
    if (s.kind !== "figure-value") return false;
    const r = s.record;
    const same =
      c.value !== undefined
        ? r.value === c.value
        : c.low !== undefined
          ? r.low === c.low && r.high === c.high
          : r.value === undefined && r.low === undefined && r.qualifier === c.qualifier;
    return same && overlaps(s, occurrences(text, c.quote));
  });
  const mentions = all.filter((s) => s.kind === "actor-mention");
  const mentioned = [...new Set(mentions.map((s) => s.target.id))];
  const actorScore = {
    curated: curated.actors.length,
    suggested: mentioned.length,
    found: curated.actors.filter((a) => mentioned.includes(a)).length,
    right: mentioned.filter((a) => curated.actors.includes(a)).length,
  };
  const dates = all.filter((s) => s.kind === "date");
  const dateScore = score(
    dates,
    curated.dates,
    (s, c) =>
      s.kind === "date" &&
      s.record.value === c.value &&
      s.record.precision === c.precision &&
      overlaps(s, occurrences(text, c.words)),
  );
  const withGroup = figureScore.pairs.filter(
    ([, c]) => c.group && snapshot.corpus.figureById.has(c.group),
  );
  const paired = new Set(figureScore.pairs.map(([s]) => s));
  const datePaired = new Set(dateScore.pairs.map(([s]) => s));
  return {
    figures: {
      ...figureScore,
      qualifierRight: figureScore.pairs.filter(
        ([s, c]) => s.kind === "figure-value" && (s.record.qualifier ?? null) === c.qualifier,
      ).length,
      groupCurated: withGroup.length,
      groupRight: withGroup.filter(([s, c]) => s.target?.id === c.group).length,
    },
    actors: actorScore,
    dates: dateScore,
    missed: {
      figures: curated.figures
        .filter((c) => !figureScore.pairs.some(([, x]) => x === c))
        .map((c) => c.quote),
      actors: curated.actors.filter((a) => !mentioned.includes(a)),
      dates: curated.dates
        .filter((c) => !dateScore.pairs.some(([, x]) => x === c))
        .map((c) => `${c.value} ${c.words}`),
    },
    wrong: {
      figures: figures.filter((s) => !paired.has(s)).map((s) => s.quote),
      actors: mentioned.filter((a) => !curated.actors.includes(a)),
      dates: dates
        .filter((s) => !datePaired.has(s))
        .map((s) => `${s.kind === "date" ? s.record.value : ""} ${s.quote}`),
    },
  };
}

/** Sums scores over cases. */
export function total(scores: readonly Score[]): Score {
  return scores.reduce(
    (a, s) => ({
      curated: a.curated + s.curated,
      suggested: a.suggested + s.suggested,
      found: a.found + s.found,
      right: a.right + s.right,
    }),
    { curated: 0, suggested: 0, found: 0, right: 0 },
  );
}
