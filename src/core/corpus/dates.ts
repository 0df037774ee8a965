import { isRelativeDateWords } from "../text/dates.ts";
import type { CorpusProblem } from "./problem.ts";
import type { Citation, When } from "./schema.ts";

/** A dated record and the quotes its date may come from. */
export interface DatedRecord {
  id: string;
  date: When;
  citations: readonly Citation[];
}

/**
 * A date says which words of its record's quotes give it: `words` when they state it outright,
 * `derivedFrom` when they only place it against another date ("two weeks ago", "in January"
 * without a year), so answers can mark it derived. Words given as stated that are relative fail.
 */
export function dateProblems(file: string, records: readonly DatedRecord[]): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  for (const r of records) {
    const problem = (code: CorpusProblem["code"], path: string, message: string) =>
      problems.push({ code, file, record: r.id, path: `date.${path}`, message });
    const { words, derivedFrom } = r.date;
    if (!words && !derivedFrom) {
      problem(
        "corpus.date_unsourced",
        "words",
        "say which words of a quote give the date: words, or derivedFrom for relative ones",
      );
    }
    for (const [key, text] of [
      ["words", words],
      ["derivedFrom", derivedFrom],
    ] as const) {
      if (text && !r.citations.some((c) => c.quote.includes(text))) {
        problem("corpus.date_not_in_quote", key, `"${text}" occurs in none of the record's quotes`);
      }
    }
    if (words && isRelativeDateWords(words)) {
      problem(
        "corpus.date_not_derived",
        "words",
        `"${words}" dates it only against another date: move it to derivedFrom and say how in reason`,
      );
    }
  }
  return problems;
}
