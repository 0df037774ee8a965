import { AnswerFocus, type QuestionForm } from "../corpus/questions-schema.ts";
import { documentFrequency, type SearchIndex } from "../search/bm25.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { oneEditAway } from "../text/one-edit.ts";
import type { QuestionEntry, SubjectKind } from "./index.ts";
import type { QuestionKind, QuestionModel } from "./model.ts";

/** One way to understand a question: the command that answers it, and with what. */
export interface Reading {
  command: QuestionKind;
  /** The command's argument, spelt as its resolver accepts it exactly ("" for none). */
  argument: string;
  /** What the reading is about, for "Answered as: figure · People killed in …". */
  label: string;
  /**
   * 0..1: the form's weight for this kind of record times the share of the question it matches,
   * each term counted by its specificity.
   */
  score: number;
  /** Whether the question has every term of one of the record's names: breaks ties first. */
  whole: boolean;
  /** How much the corpus says about the record: breaks ties. */
  weight: number;
  /**
   * Whether it fits well enough to answer with: more than the form's share of the question.
   * One that fits exactly that share is only offered as a suggestion.
   */
  answers: boolean;
  /** The share of the record's own terms the question names: prefers the record it describes best. */
  fit: number;
  /** The part of the answer this reading asks for first, where the form names none. */
  focus?: AnswerFocus;
}

export interface QuestionReading {
  /** Best first; empty when no record fits the question. */
  readings: Reading[];
  /** The question without its form's words ("crocus attack" of "who claimed the crocus attack"). */
  rest: string;
  /** The part of the answer the question's form asks for first, if it names one. */
  focus?: AnswerFocus;
}

/** A record must match more than this share of the question's words to be taken as its subject. */
const MIN_SCORE = 0.5;
const MAX_READINGS = 4;
/** A term that only describes a record (its place, a person's role) counts this much of a name. */
const DESCRIBES = 0.8;

/** A question term with how much it tells which record is meant. */
interface Asked {
  term: string;
  specificity: number;
}

function unitFits(form: QuestionForm | null, unit: string | null): boolean {
  if (unit === null || !form) return true;
  if (form.units && !form.units.includes(unit)) return false;
  return !form.skipUnits?.includes(unit);
}

function readingOf(
  kind: SubjectKind,
  entry: QuestionEntry,
  asked: readonly Asked[],
  weight: number,
): Omit<Reading, "answers"> | null {
  let matched = 0;
  let found = 0;
  let total = 0;
  for (const { term, specificity } of asked) {
    total += specificity;
    if (entry.names.has(term)) matched += specificity;
    else if (entry.words.has(term)) matched += DESCRIBES * specificity;
    else continue;
    found++;
  }
  if (found === 0) return null;
  return {
    command: kind,
    argument: entry.argument,
    label: entry.label,
    score: (weight * matched) / total,
    whole: entry.wholeNames.some((name) => [...name].every((t) => asked.some((a) => a.term === t))),
    fit: found / (entry.names.size + entry.words.size),
    weight: entry.weight,
  };
}

/**
 * When no record covers enough of the question, the one record it names by a name no other record
 * has ("which groups does ISKP recruit from", "what did Putin say"): the question is about it, in
 * words the corpus does not index. It answers at its own low score, so its confidence says so.
 */
const NAMED_KINDS: ReadonlySet<SubjectKind> = new Set(["actor", "attack"]);

function onlyNamed(
  snapshot: CorpusSnapshot,
  form: QuestionForm | null,
  asked: readonly Asked[],
  weights: Readonly<Partial<Record<SubjectKind, number>>>,
  min: number,
): Reading | null {
  // Each asked term with the records it names; a term naming several ("attack") tells nothing.
  const naming = new Map<string, Reading[]>(asked.map(({ term }) => [term, []]));
  for (const { kind, entries } of snapshot.questions.subjects) {
    const weight = weights[kind] ?? 0;
    // Actors and attacks are named by proper names, figures and events by common words ("people");
    // and the question's form must allow the kind ("how many" is not asked of an actor).
    if (weight < min || !NAMED_KINDS.has(kind)) continue;
    for (const entry of entries) {
      if (!unitFits(form, entry.unit)) continue;
      const terms = asked.filter(({ term }) => entry.names.has(term)).map(({ term }) => term);
      const reading = terms.length > 0 && readingOf(kind, entry, asked, weight);
      if (reading) for (const term of terms) naming.get(term)?.push({ ...reading, answers: true });
    }
  }
  const named = new Set([...naming.values()].filter((r) => r.length === 1).map((r) => r[0]));
  const labels = new Set([...named].map((r) => r?.argument));
  return labels.size === 1 ? ([...named][0] as Reading) : null;
}

/**
 * Where the form asks for no figure ("who were the four gunmen"), a figure the question fits stands
 * for the attack it is about: who the gunmen, the dead were is told by the attack's record. Scored
 * as the figure fits, times the form's weight for attacks; the attack is offered once, as it fits best.
 */
function throughFigures(
  snapshot: CorpusSnapshot,
  form: QuestionForm | null,
  asked: readonly Asked[],
  weights: Readonly<Partial<Record<SubjectKind, number>>>,
  min: number,
  foreign: boolean,
): Reading[] {
  const attackWeight = weights.attack ?? 0;
  if ((weights.figure ?? 0) >= min || attackWeight < min || asked.length === 0) return [];
  const kinds = new Map(snapshot.questions.subjects.map((s) => [s.kind, s.entries]));
  const attacks = new Map((kinds.get("attack") ?? []).map((e) => [e.id, e]));
  // A figure that counts a part of the answer ("the four gunmen": the perpetrators) asks for it first.
  const focuses = AnswerFocus.options.map((focus) => ({
    focus,
    terms: snapshot.questions.model.termsOf(focus),
  }));
  const best = new Map<string, Reading>();
  for (const figure of kinds.get("figure") ?? []) {
    if (!unitFits(form, figure.unit)) continue;
    const fits = readingOf("figure", figure, asked, attackWeight);
    if (!fits?.whole || fits.score < min) continue;
    const focus = focuses.find(({ terms }) =>
      terms.every((t) => figure.names.has(t) && asked.some((a) => a.term === t)),
    )?.focus;
    for (const id of figure.attacks) {
      const attack = attacks.get(id);
      if (!attack || (best.get(id)?.score ?? 0) >= fits.score) continue;
      best.set(id, {
        ...fits,
        command: "attack",
        argument: attack.argument,
        label: attack.label,
        weight: attack.weight,
        answers: fits.score > min && (!foreign || fits.whole),
        ...(focus ? { focus } : {}),
      });
    }
  }
  return [...best.values()];
}

/** Shorter unknown terms are more often a filler or shorthand ("ppl", "kid") than a name. */
const FOREIGN_LENGTH = 4;

/** The texts' terms grouped for one-edit look-ups, once per search index. */
const textTermsNear = new WeakMap<SearchIndex, (term: string) => readonly string[]>();

/**
 * Whether a term no record has is one no text has either, not even one edit away ("peple" is
 * "people" mistyped): a name the corpus never mentions.
 */
function isForeign(search: SearchIndex, term: string): boolean {
  if (term.length < FOREIGN_LENGTH || documentFrequency(search, term) > 0) return false;
  let near = textTermsNear.get(search);
  if (!near) {
    near = oneEditAway(search.terms.keys(), FOREIGN_LENGTH - 1);
    textTermsNear.set(search, near);
  }
  return near(term).length === 0;
}

/** "… according to taz": who says it, where every answer shows each source anyway. */
const ATTRIBUTION = /(?:^| )according to .*$/;

/**
 * The question without the source it asks after, so "how many tajiks live in russia according to
 * taz" is the figure, not a question about taz; unless the source is all it names.
 */
function withoutAttribution(model: QuestionModel, rest: string): string {
  const subject = rest.replace(ATTRIBUTION, "");
  return subject !== rest && model.termsOf(subject).length > 0 ? subject : rest;
}

/**
 * The likely readings of a plain question, best first: which figure, actor or attack it asks
 * about, judged by its form and by how much of it each record's names and words cover.
 * Deterministic and offline; nothing is invented, a reading only names a curated record.
 */
export function readQuestion(snapshot: CorpusSnapshot, question: string): QuestionReading {
  const { model, subjects } = snapshot.questions;
  const { form, rest } = model.formOf(question);
  if (form?.fixed) {
    return {
      readings: [
        {
          command: form.fixed,
          argument: "",
          label: form.label,
          score: 1,
          whole: true,
          fit: 1,
          weight: 0,
          answers: true,
        },
      ],
      rest,
    };
  }
  const { corrected, specificity } = snapshot.questions;
  const terms = [...new Set(model.termsOf(withoutAttribution(model, rest)).map(corrected))];
  const known = terms.flatMap((t) => specificity(t) ?? []);
  // A term no record has may be a filler ("go") or a name the corpus lacks ("beslan"): it counts
  // as much as the question's other terms do on average, neither hiding nor swamping them.
  const unknown = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const asked = terms.map((term) => ({ term, specificity: specificity(term) ?? unknown }));
  // A term neither the records nor the texts have names what the corpus never mentions ("the
  // boston marathon bombing"): a record that only shares the question's common words ("killed",
  // "bombing") is then someone else's toll, so only one the question names whole answers it.
  const foreign = terms.some((t) => specificity(t) === null && isForeign(snapshot.search, t));
  const weights = form?.weights ?? { figure: 1, actor: 1, attack: 1, event: 0.9 };
  const min = form?.minScore ?? MIN_SCORE;
  const readings: Reading[] = [];
  if (asked.length > 0) {
    for (const { kind, entries } of subjects) {
      const weight = weights[kind] ?? 0;
      if (weight < min) continue;
      for (const entry of entries) {
        if (!unitFits(form, entry.unit)) continue;
        const reading = readingOf(kind, entry, asked, weight);
        if (reading && reading.score >= min)
          readings.push({
            ...reading,
            answers: reading.score > min && (!foreign || reading.whole),
          });
      }
    }
  }
  readings.push(...throughFigures(snapshot, form, asked, weights, min, foreign));
  readings.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.whole) - Number(a.whole) ||
      b.weight - a.weight ||
      b.fit - a.fit ||
      a.label.localeCompare(b.label),
  );
  const once = new Set<string>();
  const best = readings.filter((r) => {
    const key = `${r.command} ${r.argument}`;
    return !once.has(key) && once.add(key);
  });
  const named = best.some((r) => r.answers) ? null : onlyNamed(snapshot, form, asked, weights, min);
  const ordered = named
    ? [named, ...best.filter((r) => r.command !== named.command || r.argument !== named.argument)]
    : best;
  return {
    readings: ordered.slice(0, MAX_READINGS),
    rest,
    ...(form?.focus ? { focus: form.focus } : {}),
  };
}
