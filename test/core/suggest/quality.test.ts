import { beforeAll, describe, expect, it } from "vitest";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import {
  type Case,
  fixtureCases,
  leaveOneOutCases,
  precision,
  recall,
  scoreCase,
  total,
} from "../../support/suggest-quality.ts";

// The targets, kept by a test so a rule change that loses them fails here, not in a bench
// nobody ran. The fixture articles were curated before the rules were run on them.

let snapshot: CorpusSnapshot;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
});

const figureScore = (cases: readonly Case[]) => total(cases.map((c) => scoreCase(c).figures));
const actorScore = (cases: readonly Case[]) => total(cases.map((c) => scoreCase(c).actors));

describe("suggestion quality", () => {
  it("finds the bundled articles' figure values, each article left out of the corpus", () => {
    const s = figureScore(leaveOneOutCases(snapshot));
    expect(s.curated).toBeGreaterThan(50);
    expect(recall(s)).toBeGreaterThanOrEqual(0.9);
    expect(precision(s)).toBeGreaterThanOrEqual(0.7);
  });

  it("finds the hand-curated fixture articles' figure values", () => {
    const s = figureScore(fixtureCases(snapshot));
    expect(recall(s)).toBeGreaterThanOrEqual(0.9);
    expect(precision(s)).toBeGreaterThanOrEqual(0.7);
  });

  it("finds the known actors each article names", () => {
    expect(recall(actorScore(leaveOneOutCases(snapshot)))).toBeGreaterThanOrEqual(0.9);
    expect(recall(actorScore(fixtureCases(snapshot)))).toBeGreaterThanOrEqual(0.9);
  });

  it("leaves an article's own records out of its held-out corpus", () => {
    const [first] = leaveOneOutCases(snapshot);
    const held = first?.snapshot.corpus;
    const id = first?.article.id;
    expect(held?.articleById.has(id as string)).toBe(false);
    for (const g of held?.figures ?? []) {
      for (const v of g.values) expect(v.citation.article).not.toBe(id);
    }
  });
});
