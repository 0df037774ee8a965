import { describe, expect, it } from "vitest";
import { checkFigures } from "../../../src/core/figures/check.ts";
import { group, QUALIFIERS, value } from "../../support/qualifiers.ts";

const problems = (v: Parameters<typeof value>[0], unit = "people") =>
  checkFigures([group([value(v)], unit)], QUALIFIERS).map((p) => p.code);

describe("checkFigures", () => {
  it("passes values whose number is the one their text states", () => {
    expect(problems({ value: 143, text: "the toll rose to 143" })).toEqual([]);
    expect(problems({ value: 100, qualifier: "over", text: "over one hundred" })).toEqual([]);
    expect(
      problems({
        low: 1.5e6,
        high: 2.5e6,
        qualifier: "estimated",
        text: "an estimated 1.5 to 2.5 million",
      }),
    ).toEqual([]);
    expect(problems({ qualifier: "hundreds", text: "hundreds injured" })).toEqual([]);
  });

  it("fails a value that is not the number its text states", () => {
    expect(problems({ value: 145, text: "143" })).toEqual(["corpus.number_mismatch"]);
    expect(problems({ value: 9, text: "eight people" })).toEqual(["corpus.number_mismatch"]);
    expect(problems({ low: 2500, high: 4500, text: "2,500-3,500" })).toEqual([
      "corpus.number_mismatch",
    ]);
  });

  it("fails a number read from a text without one, unless the reading is written down", () => {
    expect(problems({ value: 1, text: "a man was shot" })).toEqual(["corpus.number_mismatch"]);
    expect(
      problems({ value: 1, text: "a man was shot", derived: "'a man' is one person" }),
    ).toEqual([]);
  });

  it("fails an override that repeats the verdict the values already have", () => {
    const agreeing = group([
      value({ value: 4, text: "four" }),
      value({ value: 4, text: "the four" }),
    ]);
    const override = (verdict: "agree" | "compatible") => ({ verdict, reason: "because" });
    const codes = (g: typeof agreeing) => checkFigures([g], QUALIFIERS).map((p) => p.code);
    expect(codes({ ...agreeing, override: override("agree") })).toEqual([
      "corpus.redundant_override",
    ]);
    expect(codes({ ...agreeing, override: override("compatible") })).toEqual([]);
  });

  it("fails a qualifier the table does not define, or one that does not fit", () => {
    expect(problems({ value: 5, qualifier: "roughly", text: "roughly 5" })).toEqual([
      "corpus.unknown_qualifier",
    ]);
    expect(problems({ value: 5, qualifier: "late", text: "late 5" })).toEqual([
      "corpus.unknown_qualifier",
    ]);
    expect(problems({ qualifier: "at least", text: "at least some" })).toEqual([
      "corpus.unknown_qualifier",
    ]);
  });
});
