import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedArticle } from "../../../src/core/corpus/types.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { suggestArticle } from "../../../src/core/suggest/suggest.ts";
import { bundledSnapshot } from "../../support/corpus.ts";

let snapshot: CorpusSnapshot;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
});

describe("suggestArticle", () => {
  it("quotes every suggestion verbatim, at its offsets, from any stretch of a corpus text", () => {
    const texts = snapshot.corpus.articles.map((a) => a.text);
    const stretch = fc
      .tuple(fc.constantFrom(...texts), fc.nat(), fc.integer({ min: 1, max: 1500 }))
      .map(([text, at, length]) => {
        const start = at % text.length;
        return text.slice(start, start + length);
      });
    fc.assert(
      fc.property(stretch, (text) => {
        const article: LoadedArticle = { ...(snapshot.corpus.articles[0] as LoadedArticle), text };
        for (const s of suggestArticle(snapshot, article)) {
          expect(text.slice(s.start, s.end)).toBe(s.quote);
          expect(s.sentence).toContain(s.quote);
          expect(s.confidence).toBeGreaterThan(0);
          expect(s.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("suggests from whole corpus articles in text order, with unique ids", () => {
    for (const article of snapshot.corpus.articles) {
      const found = suggestArticle(snapshot, article);
      expect(found.length).toBeGreaterThan(0);
      expect(new Set(found.map((s) => s.id)).size).toBe(found.length);
      const starts = found.map((s) => s.start);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
  });

  it("suggests nothing from an empty text", () => {
    const article = { ...(snapshot.corpus.articles[0] as LoadedArticle), text: "" };
    expect(suggestArticle(snapshot, article)).toEqual([]);
  });
});
