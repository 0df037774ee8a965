import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { FigureValue } from "../../../src/core/corpus/schema.ts";
import type { Corpus } from "../../../src/core/corpus/types.ts";
import { judge } from "../../../src/core/figures/verdict.ts";
import { bundledCorpus } from "../../support/corpus.ts";
import { group, QUALIFIERS, value } from "../../support/qualifiers.ts";

const verdictOf = (values: FigureValue[], unit = "people") =>
  judge(group(values, unit), QUALIFIERS).verdict;

describe("judge on the corpus's own figures", () => {
  let corpus: Corpus;
  beforeAll(async () => {
    corpus = await bundledCorpus();
  });
  const of = (id: string) => judge(corpus.figureById.get(id) as never, corpus.qualifiers);

  it.each([
    ["crocus-killed", "compatible"], // 137, at least 130, more than 130: all true of 137
    ["isis-k-fighters", "compatible"], // exceeded 6,000 and 6,500, both of 2023
    ["crocus-attackers", "agree"], // four sources, four suspects, no dates
    ["crocus-injured", "conflict"], // hundreds against dozens
    ["kerman-killed", "conflict"], // 95 against over one hundred
    ["tajiks-in-russia", "conflict"], // 1.3 million against at least 1.5 million
    ["isis-k-fighters-afghan-tajik-border", "revision"], // Feb 2019 and Feb 2023
  ])("%s is %s", (id, verdict) => {
    expect(of(id).verdict).toBe(verdict);
  });

  it("keeps the curator's verdict on ISIS-K's founding next to the literal one", () => {
    expect(of("isis-k-founded")).toMatchObject({ verdict: "compatible", computed: "conflict" });
  });

  it("shows a revision oldest first", () => {
    expect(of("isis-k-fighters-afghan-tajik-border").values.map((v) => v.asOf?.value)).toEqual([
      "2019-02",
      "2023-02",
    ]);
  });
});

describe("judge", () => {
  it("finds the one amount compatible values share", () => {
    const judged = judge(
      group([
        value({ value: 137, text: "137" }),
        value({ value: 130, qualifier: "more than", text: "more than 130" }),
      ]),
      QUALIFIERS,
    );
    expect(judged.common).toEqual({ low: 137, high: 137, lowIn: true, highIn: true });
  });

  it("calls 130 against 'more than 130' a conflict", () => {
    expect(
      verdictOf([
        value({ value: 130, text: "130" }),
        value({ value: 130, qualifier: "more than", text: "more than 130" }),
      ]),
    ).toBe("conflict");
  });

  it("takes a dated and an undated value for different moments", () => {
    const asOf = { value: "2024-04", precision: "month" as const, estimated: false };
    expect(
      verdictOf([value({ value: 137, text: "137" }), value({ value: 143, text: "143", asOf })]),
    ).toBe("revision");
  });

  it("never finds a conflict among statements that are all true of one amount", () => {
    const statement = (n: number): fc.Arbitrary<FigureValue> =>
      fc.oneof(
        fc.constant(value({ value: n, text: String(n) })),
        fc
          .integer({ min: 0, max: n })
          .map((k) => value({ value: k, qualifier: "at least", text: "" })),
        fc
          .integer({ min: 0, max: n - 1 })
          .map((k) => value({ value: k, qualifier: "over", text: "" })),
        fc
          .integer({ min: n, max: 2 * n })
          .map((k) => value({ value: k, qualifier: "up to", text: "" })),
        fc
          .integer({ min: n + 1, max: 2 * n })
          .map((k) => value({ value: k, qualifier: "nearly", text: "" })),
        fc
          .double({ min: -0.08, max: 0.08, noNaN: true })
          .map((f) => value({ value: Math.round(n * (1 + f)), qualifier: "about", text: "" })),
        fc
          .tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: n, max: 2 * n }))
          .map(([low, high]) => value({ low, high, qualifier: null, text: "" })),
      );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 100, max: 10_000_000 })
          .chain((n) => fc.array(statement(n), { minLength: 1, maxLength: 6 })),
        (values) => verdictOf(values) !== "conflict",
      ),
    );
  });

  it("always finds a conflict once an exact amount is contradicted", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        (n) =>
          verdictOf([
            value({ value: n, text: String(n) }),
            value({ value: n, qualifier: "more than", text: "" }),
          ]) === "conflict",
      ),
    );
  });
});
