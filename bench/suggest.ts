import type { CorpusSnapshot } from "../src/core/snapshot.ts";
import {
  type Case,
  type CaseScore,
  fixtureCases,
  leaveOneOutCases,
  precision,
  recall,
  type Score,
  scoreCase,
  total,
} from "../test/support/suggest-quality.ts";

const pct = (n: number) => `${(n * 100).toFixed(0)}%`;

function report(label: string, cases: readonly Case[], details: boolean): void {
  const scores: CaseScore[] = cases.map(scoreCase);
  const line = (what: string, s: Score, targets: string) =>
    console.log(
      `    ${what.padEnd(22)} recall ${pct(recall(s)).padStart(4)} (${s.found}/${s.curated})  precision ${pct(precision(s)).padStart(4)} (${s.right}/${s.suggested})  ${targets}`,
    );
  console.log(`  ${label} (${cases.length} articles)`);
  const figures = total(scores.map((s) => s.figures));
  line("figure values", figures, "target recall ≥ 90%, precision ≥ 70%");
  const qualifiers = scores.reduce((n, s) => n + s.figures.qualifierRight, 0);
  const groupRight = scores.reduce((n, s) => n + s.figures.groupRight, 0);
  const groupCurated = scores.reduce((n, s) => n + s.figures.groupCurated, 0);
  console.log(
    `    ${"".padEnd(22)} qualifier right ${qualifiers}/${figures.found}; joined the curated group ${groupRight}/${groupCurated}`,
  );
  line("known-actor mentions", total(scores.map((s) => s.actors)), "target recall ≥ 90%");
  line("dates", total(scores.map((s) => s.dates)), "(no target)");
  if (!details) return;
  cases.forEach((c, i) => {
    const s = scores[i] as CaseScore;
    console.log(`    ${c.article.id}`);
    for (const kind of ["figures", "actors", "dates"] as const) {
      if (s.missed[kind].length)
        console.log(`      missed ${kind}: ${JSON.stringify(s.missed[kind])}`);
      if (s.wrong[kind].length)
        console.log(`      extra ${kind}: ${JSON.stringify(s.wrong[kind])}`);
    }
  });
}

/**
 * Suggestion quality: each bundled article left out of the corpus in turn, and the hand-curated
 * fixture articles (test/fixtures/suggest) against the whole corpus.
 */
export function benchSuggest(real: CorpusSnapshot, details = false): void {
  console.log("\nSuggestions from an article's text (figure values, known actors, dates)");
  report("bundled articles, each left out", leaveOneOutCases(real), details);
  report("new fixture articles, curated by hand", fixtureCases(real), details);
}
