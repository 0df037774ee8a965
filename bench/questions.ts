import { readQuestion } from "../src/core/questions/readings.ts";
import type { CorpusSnapshot } from "../src/core/snapshot.ts";
import { QUESTION_SET, score, shareRight } from "../test/support/question-set.ts";
import { measure, row } from "./stats.ts";

const percent = (n: number) => `${(n * 100).toFixed(1)} %`;

/**
 * Question understanding on one snapshot: how long reading a question takes (form, terms, ranking
 * every record: what a question adds to the command that answers it), and the share of the question
 * set answered right, each half apart. The held-out half was not looked at while tuning.
 */
export async function benchQuestions(snapshot: CorpusSnapshot): Promise<string[]> {
  const questions = QUESTION_SET.map((c) => c.question);
  const lines = [
    row(
      "question understanding",
      await measure(questions, (q) => readQuestion(snapshot, q), 5000, 500),
    ),
  ];
  for (const half of ["seen", "held-out"] as const) {
    const scored = await score(
      snapshot,
      QUESTION_SET.filter((c) => c.half === half),
    );
    const right = scored.filter((s) => s.right).length;
    lines.push(
      `  questions answered right, ${half.padEnd(8)}   ${percent(shareRight(scored))} (${right} of ${scored.length})`,
    );
  }
  return lines;
}
