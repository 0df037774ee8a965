import type { Corpus } from "../corpus/types.ts";
import { actorEntries, attackEntries, eventEntries, figureEntries, namesOf } from "../entries.ts";
import type { NameEntry } from "../names.ts";
import { queryTerms } from "../search/tokenize.ts";
import { foldText } from "../text/normalize.ts";
import { oneEditAway } from "../text/one-edit.ts";
import { buildQuestionModel, type QuestionModel } from "./model.ts";

/** The kinds of record a question can be about. */
export type SubjectKind = "figure" | "actor" | "attack" | "event";

/** One record as questions are read against it. */
export interface QuestionEntry {
  id: string;
  /** Spelt as the command's resolver accepts it exactly. */
  argument: string;
  label: string;
  /** Terms of its own names (aliases, a figure's topics): what a question names it by. */
  names: ReadonlySet<string>;
  /** Terms that describe it (place, role, the names of what a figure is about): they count less. */
  words: ReadonlySet<string>;
  /** Each of its names' terms on its own ("islamic state", "iskp"), for a question naming it whole. */
  wholeNames: ReadonlyArray<ReadonlySet<string>>;
  /** How much the corpus says about it: breaks ties. */
  weight: number;
  /** A figure's unit, for forms that ask for some units only. */
  unit: string | null;
  /** The ids of the attacks a figure is about: what a "who" question about it asks after. */
  attacks: readonly string[];
}

export interface QuestionIndex {
  model: QuestionModel;
  /**
   * The term a mistyped question term stands for: itself when some record has it, else the one
   * record term one edit away ("atack" → "attack"), else itself.
   */
  corrected(term: string): string;
  subjects: ReadonlyArray<{ kind: SubjectKind; entries: readonly QuestionEntry[] }>;
  /**
   * How much a question term tells which record is meant: more the fewer records have it
   * ("bajaur" over "bombing"); null for a term no record has.
   */
  specificity(term: string): number | null;
}

function entry(
  model: QuestionModel,
  e: NameEntry,
  extra: readonly string[],
  weight: number,
  unit: string | null = null,
  attacks: readonly string[] = [],
): QuestionEntry {
  // As meanings, so "died" in a question meets "killed" in a record, and synonyms count once.
  const termSet = (texts: readonly string[]) =>
    new Set(queryTerms(texts.join(" ")).map(model.meaningOf));
  const names = termSet(e.names);
  const words = new Set([...termSet([...(e.words ?? []), ...extra])].filter((t) => !names.has(t)));
  const wholeNames = e.names.map((name) => termSet([name])).filter((n) => n.size > 0);
  return {
    id: e.id,
    argument: e.names[0] ?? e.id,
    label: e.label,
    names,
    words,
    wholeNames,
    weight,
    unit,
    attacks,
  };
}

/**
 * Every actor, attack and figure with the terms a question can find it by, built once per
 * snapshot. A new kind of record (events beside attacks) is one more subject here, a weight for
 * it in data/questions.json's forms and a case in answer.ts.
 */
export function buildQuestionIndex(corpus: Corpus): QuestionIndex {
  const named = [...corpus.actors, ...corpus.attacks, ...corpus.events].flatMap(namesOf);
  const model = buildQuestionModel(
    corpus.questions,
    // Not a possessive's "s" ("Islamic State's").
    new Set(named.flatMap((name) => foldText(name).split(" ")).filter((w) => w.length > 2)),
  );
  const cited = (r: { citations: readonly unknown[]; facts: readonly unknown[] }) =>
    r.citations.length + r.facts.length;
  const nameList = (
    ids: readonly string[],
    byId: ReadonlyMap<string, Parameters<typeof namesOf>[0]>,
  ) =>
    ids.flatMap((id) => {
      const record = byId.get(id);
      return record ? namesOf(record) : [];
    });
  const actors = actorEntries(corpus.actors).map((e, i) => {
    const a = corpus.actors[i];
    // A person's role ("Taliban Defence Minister") is how a reporter often asks for them.
    return entry(model, e, a?.role ? [a.role] : [], a ? cited(a) : 0);
  });
  const attacks = attackEntries(corpus.attacks).map((e, i) => {
    const a = corpus.attacks[i];
    return entry(model, e, [], a ? cited(a) : 0);
  });
  const figures = figureEntries(corpus.figures).map((e, i) => {
    const f = corpus.figures[i];
    if (!f) return entry(model, e, [], 0);
    // A figure about ISKP is found by every name of ISKP, as "how many fighters does Vilayat Khorasan
    // have", and by its values' words as the sources state them ("the 1.3 million strong Tajik diaspora").
    const about = [
      ...nameList(f.about.actors, corpus.actorById),
      ...nameList(f.about.attacks, corpus.attackById),
      ...f.values.map((v) => v.text),
    ];
    const sources = new Set(f.values.map((v) => v.citation.article)).size;
    return entry(model, e, about, sources, f.unit, f.about.attacks);
  });
  const events = eventEntries(corpus.events).map((e, i) => {
    const ev = corpus.events[i];
    if (!ev) return entry(model, e, [], 0);
    // "What did the US embassy warn", "who was arrested for the Crocus attack": an event is asked
    // for by who took part and by the attack it bears on.
    const about = [
      ...nameList(
        ev.actors.map((a) => a.actor),
        corpus.actorById,
      ),
      ...nameList(ev.attacks, corpus.attackById),
    ];
    // Of events that fit alike and are cited alike ("who was arrested"), the one bearing on the
    // attack the corpus says most about is the likelier meant: under one citation's worth, so it
    // never outweighs a citation, nor the attack itself.
    const attention = ev.attacks.reduce((n, id) => {
      const attack = corpus.attackById.get(id);
      return n + (attack ? cited(attack) : 0);
    }, 0);
    return entry(model, e, about, cited(ev) + attention / (attention + 1));
  });
  const subjects = [
    { kind: "figure" as const, entries: figures },
    { kind: "actor" as const, entries: actors },
    { kind: "attack" as const, entries: attacks },
    { kind: "event" as const, entries: events },
  ];
  const all = subjects.flatMap((s) => s.entries);
  return { model, subjects, corrected: corrector(all), specificity: specificityOf(all) };
}

function specificityOf(entries: readonly QuestionEntry[]): (term: string) => number | null {
  const having = new Map<string, number>();
  for (const e of entries) {
    for (const term of new Set([...e.names, ...e.words]))
      having.set(term, (having.get(term) ?? 0) + 1);
  }
  // An inverse document frequency over records.
  return (term) => {
    const n = having.get(term);
    return n === undefined ? null : Math.log(1 + entries.length / n);
  };
}

/** Shorter terms are too often another word one edit away ("kill", "mill") to be corrected. */
const CORRECTABLE = 5;

function corrector(entries: readonly QuestionEntry[]): (term: string) => string {
  const known = new Set(entries.flatMap((e) => [...e.names, ...e.words]));
  const near = oneEditAway(known, CORRECTABLE - 1);
  return (term) => {
    if (known.has(term) || term.length < CORRECTABLE) return term;
    const found = near(term);
    return found.length === 1 ? (found[0] as string) : term;
  };
}
