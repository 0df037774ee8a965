import { type CorpusProblem, formatProblem } from "../core/corpus/problem.ts";

const SHOWN = 50;

/** One message for every place that refuses a broken corpus, so check and start-up agree. */
export function corpusFailureMessage(problems: readonly CorpusProblem[]): string {
  const lines = problems.slice(0, SHOWN).map((p) => `  - ${formatProblem(p)}`);
  if (problems.length > SHOWN) lines.push(`  …and ${problems.length - SHOWN} more`);
  return [
    `The corpus failed its check (${problems.length} problem${problems.length === 1 ? "" : "s"}); refusing to serve part of it:`,
    ...lines,
  ].join("\n");
}
