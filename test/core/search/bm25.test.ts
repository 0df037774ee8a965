import { describe, expect, it } from "vitest";
import { buildSearchIndex, searchIndex } from "../../../src/core/search/bm25.ts";
import { splitPassages } from "../../../src/core/search/passages.ts";
import { decodeSearchIndex, encodeSearchIndex } from "../../../src/core/search/persist.ts";
import { queryTerms, tokenize } from "../../../src/core/search/tokenize.ts";

const texts = [
  "Tajik migrants in Russia face a backlash.\n\nThe weather was fine.",
  "Migrant workers send remittances home. Tajik officials said little.",
  "Nothing to see here about anything at all.",
];
const spans = texts.flatMap((t, i) => splitPassages(i, t));
const index = buildSearchIndex(texts, spans);
const passageText = (p: number) => {
  const s = spans[p];
  return s ? (texts[s.article] as string).slice(s.start, s.end) : "";
};

describe("tokenize", () => {
  it("folds, stems and drops stop words, keeping offsets into the text", () => {
    const tokens = tokenize("The Migrants' café");
    expect(tokens.map((t) => t.term)).toEqual(["migrant", "cafe"]);
    expect(tokens.map((t) => "The Migrants' café".slice(t.start, t.end))).toEqual([
      "Migrants",
      "café",
    ]);
  });

  it("reduces a query to its distinct terms", () => {
    expect(queryTerms("migrants MIGRANT the")).toEqual(["migrant"]);
  });
});

describe("splitPassages", () => {
  it("splits on paragraphs with offsets into the text", () => {
    expect(
      splitPassages(0, texts[0] as string).map((s) => (texts[0] as string).slice(s.start, s.end)),
    ).toEqual(["Tajik migrants in Russia face a backlash.", "The weather was fine."]);
  });

  it("cuts an over-long paragraph at sentence ends", () => {
    const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(" ");
    const parts = splitPassages(0, long);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(long.slice(p.start, p.end)).toMatch(/^Sentence.*\.$/);
  });
});

describe("BM25 search", () => {
  it("ranks the passage with both words above passages with one", () => {
    const hits = searchIndex(index, "tajik migrants", 5);
    expect(passageText(hits[0]?.passage ?? -1)).toBe("Tajik migrants in Russia face a backlash.");
    expect(hits.length).toBe(2);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 0);
  });

  it("returns at most k hits, best first", () => {
    const hits = searchIndex(index, "tajik migrants remittances weather", 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]?.score).toBeGreaterThanOrEqual(hits[1]?.score ?? 0);
  });

  it("finds nothing for unknown or stop words", () => {
    expect(searchIndex(index, "zebra", 5)).toEqual([]);
    expect(searchIndex(index, "the and of", 5)).toEqual([]);
  });

  it("gives the same results after a round trip through its saved form", () => {
    const restored = decodeSearchIndex(encodeSearchIndex(index));
    expect(restored).not.toBeNull();
    for (const q of ["tajik migrants", "remittances", "weather fine"]) {
      expect(searchIndex(restored as NonNullable<typeof restored>, q, 5)).toEqual(
        searchIndex(index, q, 5),
      );
    }
  });

  it("rejects a saved index in another format instead of misreading it", () => {
    const buffer = encodeSearchIndex(index);
    const header = JSON.stringify({ format: 99, terms: [] });
    const other = Buffer.concat([Buffer.alloc(4), Buffer.from(header)]);
    other.writeUInt32LE(header.length, 0);
    expect(decodeSearchIndex(other)).toBeNull();
    expect(decodeSearchIndex(buffer.subarray(0, 3))).toBeNull();
  });
});
