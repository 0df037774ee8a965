import type { NameIndex } from "../names.ts";
import { queryTerms } from "../search/tokenize.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { QUESTION_FORMS, type QuestionKind, SAME_MEANING } from "./words.ts";

/** One way to understand a question: the command that answers it, and with what. */
export interface Reading {
  command: QuestionKind;
  /** The command's argument, spelt as its resolver accepts it exactly ("" for none). */
  argument: string;
  /** What the reading is about, for "Answered as: figure · People killed in …". */
  label: string;
  score: number;
  /** How much the corpus says about the record: breaks ties between equally good readings. */
  weight: number;
}

/** Below this share of the question's words matched, a name is not taken as the subject. */
const MIN_SCORE = 0.5;
const MAX_READINGS = 4;

function canonical(term: string): string {
  return SAME_MEANING.get(term) ?? term;
}

/** Each meaning's terms: the one synonyms meet on and every term that means it. */
const SPELLINGS = new Map<string, string[]>();
for (const [from, to] of SAME_MEANING) SPELLINGS.set(to, [...(SPELLINGS.get(to) ?? [to]), from]);

function termsOf(text: string): Set<string> {
  return new Set(queryTerms(text).map(canonical));
}

/** The question's form (how many, who leads…) and the words left once it is taken off. */
function formOf(question: string) {
  const text = question
    .toLowerCase()
    .replace(/[?!.,;:"“”]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const form of QUESTION_FORMS) {
    const match = form.pattern.exec(text);
    if (match) return { form, rest: text.slice(match[0].length).trim() };
  }
  return { form: null, rest: text };
}

/**
 * How well an entry's names and words cover the question's words: the share of the question's
 * terms it has, with a small preference for the entry the words describe most completely.
 */
function rank(
  index: NameIndex,
  asked: ReadonlySet<string>,
  kind: QuestionKind,
  weight: number,
  weightOf: (id: string) => number,
) {
  const found: Reading[] = [];
  if (asked.size === 0 || weight === 0) return found;
  for (const entry of index.entries.values()) {
    // The entry's terms are the snapshot's; the question's meanings are matched in any spelling.
    const own = index.termsOf(entry.id);
    let shared = 0;
    for (const term of asked) {
      if ((SPELLINGS.get(term) ?? [term]).some((spelling) => own.has(spelling))) shared++;
    }
    if (shared === 0) continue;
    found.push({
      command: kind,
      argument: entry.names[0] ?? entry.id,
      label: entry.label,
      score: (weight * shared) / asked.size,
      weight: weightOf(entry.id),
    });
  }
  return found;
}

/**
 * The likely readings of a plain question, best first: which figure, actor or attack it asks
 * about, judged by its form and by how many of its words each record's names and words share.
 * Deterministic and offline; nothing is invented, a reading only names a curated record.
 */
export function readQuestion(snapshot: CorpusSnapshot, question: string): Reading[] {
  const { form, rest } = formOf(question);
  if (form?.fixed) {
    return [{ command: form.fixed, argument: "", label: form.label, score: 1, weight: 0 }];
  }
  const asked = termsOf(rest);
  const weights = form?.weights ?? { figure: 1, actor: 1, attack: 1 };
  const { names, corpus } = snapshot;
  const unitOf = (argument: string) => {
    const found = names.figures.resolve(argument);
    return found.kind === "found" ? (corpus.figureById.get(found.id)?.unit ?? "") : "";
  };
  const cited = (r: { citations: readonly unknown[]; facts: readonly unknown[] } | undefined) =>
    r ? r.citations.length + r.facts.length : 0;
  const readings = [
    ...rank(
      names.figures,
      asked,
      "figure",
      weights.figure ?? 0,
      (id) => new Set(corpus.figureById.get(id)?.values.map((v) => v.citation.article)).size,
    ).filter((r) => !form?.units || form.units.includes(unitOf(r.argument))),
    ...rank(names.actors, asked, "actor", weights.actor ?? 0, (id) =>
      cited(corpus.actorById.get(id)),
    ),
    ...rank(names.attacks, asked, "attack", weights.attack ?? 0, (id) =>
      cited(corpus.attackById.get(id)),
    ),
  ]
    .filter((r) => r.score >= (form?.minScore ?? MIN_SCORE))
    .sort((a, b) => b.score - a.score || b.weight - a.weight || a.label.localeCompare(b.label));
  const best = readings.slice(0, MAX_READINGS);
  if (rest) {
    best.push({
      command: "search",
      argument: rest,
      label: `passages about "${rest}"`,
      score: 0,
      weight: 0,
    });
  }
  return best;
}
