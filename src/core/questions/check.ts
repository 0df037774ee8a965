import type { CorpusProblem } from "../corpus/problem.ts";
import type { QuestionWords } from "../corpus/questions-schema.ts";
import type { Actor, Attack, FigureGroup } from "../corpus/schema.ts";
import { actorEntries, attackEntries, figureEntries } from "../entries.ts";
import { queryTerms } from "../search/tokenize.ts";

/**
 * Question words must fit the records they are read against: a synonym group means a word some
 * record is named or described by (else no question could reach a record through it), and a form
 * that asks for figures in a unit names a unit some figure has.
 */
export function questionWordsNotInRecords(
  words: QuestionWords,
  records: {
    actors: readonly Actor[];
    attacks: readonly Attack[];
    figures: readonly FigureGroup[];
  },
): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const problem = (path: string, message: string) =>
    problems.push({
      code: "corpus.unknown_word",
      file: "questions.json",
      record: null,
      path,
      message,
    });
  const entries = [
    ...actorEntries(records.actors),
    ...attackEntries(records.attacks),
    ...figureEntries(records.figures),
  ];
  const terms = new Set(
    entries.flatMap((e) => queryTerms([...e.names, ...(e.words ?? [])].join(" "))),
  );
  words.synonyms.forEach(([first], i) => {
    if (first && !queryTerms(first).every((t) => terms.has(t))) {
      problem(
        `synonyms.${i}.0`,
        `no actor, attack or figure is named or described by "${first}": make a word the records use the group's first`,
      );
    }
  });
  const units = new Set(records.figures.map((f) => f.unit));
  words.forms.forEach((form, i) => {
    for (const key of ["units", "skipUnits"] as const) {
      form[key]?.forEach((unit, j) => {
        if (!units.has(unit)) problem(`forms.${i}.${key}.${j}`, `no figure is in "${unit}"`);
      });
    }
  });
  return problems;
}
