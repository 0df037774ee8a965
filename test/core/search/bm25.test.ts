import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildSearchIndex,
  passageAt,
  passageCount,
  passageSpan,
  postingDocs,
  readPostings,
  searchIndex,
} from "../../../src/core/search/bm25.ts";
import { type PassageSpan, splitPassages } from "../../../src/core/search/passages.ts";
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

/**
 * The index as it was before its postings were compressed (format 2): every posting's score
 * stored as a Float32, summed into Float32 accumulators. Rankings must not move.
 */
function storedScoreSearch(
  docTexts: readonly string[],
  docSpans: readonly PassageSpan[],
  query: string,
  k: number,
): Array<{ passage: number; score: number }> {
  const tokens = docSpans.map((s) =>
    tokenize((docTexts[s.article] as string).slice(s.start, s.end)).map((t) => t.term),
  );
  const avg = tokens.reduce((s, t) => s + t.length, 0) / Math.max(tokens.length, 1);
  const scores = new Float32Array(tokens.length);
  const touched = new Set<number>();
  for (const term of queryTerms(query)) {
    const df = tokens.filter((t) => t.includes(term)).length;
    const idf = Math.log(1 + (tokens.length - df + 0.5) / (df + 0.5));
    tokens.forEach((t, doc) => {
      const tf = t.filter((x) => x === term).length;
      if (tf === 0) return;
      const norm = 1.2 * (1 - 0.75 + (0.75 * t.length) / avg);
      const impact = new Float32Array([(idf * tf * 2.2) / (tf + norm)])[0] as number;
      scores[doc] = (scores[doc] as number) + impact;
      touched.add(doc);
    });
  }
  return [...touched]
    .map((passage) => ({ passage, score: scores[passage] as number }))
    .sort((a, b) => b.score - a.score || a.passage - b.passage)
    .slice(0, Math.max(k, 0));
}

describe("compressed postings", () => {
  const vocabulary = ["tajik", "migrant", "russia", "crocus", "hall", "attack", "kabul", "iskp"];
  const textArb = fc
    .array(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 30 }), {
      minLength: 1,
      maxLength: 12,
    })
    .map((paragraphs) => paragraphs.map((words) => words.join(" ")).join("\n"));
  const queryArb = fc
    .array(fc.constantFrom(...vocabulary, "zebra", "the"), { minLength: 1, maxLength: 4 })
    .map((words) => words.join(" "));

  it("ranks and scores exactly as stored Float32 scores did, also after a round trip", () => {
    fc.assert(
      fc.property(
        fc.array(textArb, { minLength: 1, maxLength: 6 }),
        queryArb,
        fc.nat(8),
        (docTexts, query, k) => {
          const docSpans = docTexts.flatMap((t, i) => splitPassages(i, t));
          const built = buildSearchIndex(docTexts, docSpans);
          const expected = storedScoreSearch(docTexts, docSpans, query, k);
          expect(searchIndex(built, query, k)).toEqual(expected);
          const restored = decodeSearchIndex(encodeSearchIndex(built));
          expect(restored && searchIndex(restored, query, k)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps large gaps between passages and large counts in one passage", () => {
    // 20,000 passages put gaps past one and two varint bytes; 300 repeats need a two-byte count.
    const many = Array.from({ length: 20_000 }, (_, i) =>
      i === 0 || i === 200 || i === 19_999 ? "crocus hall" : "kabul",
    ).join("\n");
    const repeated = Array.from({ length: 300 }, () => "tajik").join(" ");
    const docTexts = [many, repeated];
    // One passage longer than splitPassages would make, so the count passes 129.
    const docSpans = [...splitPassages(0, many), { article: 1, start: 0, end: repeated.length }];
    const built = buildSearchIndex(docTexts, docSpans);
    const crocus = built.terms.get(queryTerms("crocus")[0] as string) as number;
    expect([...postingDocs(built, crocus)]).toEqual([0, 200, 19_999]);
    const tajik = built.terms.get(queryTerms("tajik")[0] as string) as number;
    const docs = new Uint32Array(1);
    const tfs = new Uint32Array(1);
    expect(readPostings(built, tajik, docs, tfs)).toBe(1);
    expect([docs[0], tfs[0]]).toEqual([20_000, 300]);
    expect(searchIndex(built, "crocus", 5)).toEqual(
      storedScoreSearch(docTexts, docSpans, "crocus", 5),
    );
  });

  it("finds the passage that holds an offset, and none past an article's end", () => {
    const at = (article: number, offset: number) => passageAt(index, article, offset);
    const second = texts[0]?.indexOf("The weather") as number;
    expect(at(0, 0)).toBe(0);
    expect(at(0, second + 3)).toBe(1);
    expect(passageSpan(index, at(1, 5))?.article).toBe(1);
    expect(at(0, (texts[0] as string).length + 10)).toBe(-1);
    expect(at(7, 0)).toBe(-1);
    expect(passageSpan(index, passageCount(index))).toBeUndefined();
  });

  it("refuses passages out of text order", () => {
    expect(() =>
      buildSearchIndex(texts, [
        { article: 1, start: 0, end: 5 },
        { article: 0, start: 0, end: 5 },
      ]),
    ).toThrow(/out of text order/);
  });

  it("rejects a saved index whose arrays do not fit together", () => {
    const buffer = encodeSearchIndex(index);
    expect(decodeSearchIndex(buffer.subarray(0, buffer.length - 4))).toBeNull();
  });
});
