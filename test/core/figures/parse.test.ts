import { describe, expect, it } from "vitest";
import {
  qualifierMeaning,
  statedNumbers,
  statedNumbersAt,
} from "../../../src/core/figures/parse.ts";
import { QUALIFIERS } from "../../support/qualifiers.ts";

const one = (n: number) => ({ low: n, high: n });

describe("statedNumbers", () => {
  it.each([
    ["137", [one(137)]],
    ["exceeded 6,000 militiamen", [one(6000)]],
    ["the 1.3 million strong Tajik diaspora", [one(1_300_000)]],
    ["last year alone, 174 thousand of them", [one(174_000)]],
    ["over one hundred", [one(100)]],
    ["eight people, including two embassy staffers", [one(8), one(2)]],
    ["twenty years of repression", [one(20)]],
    ["twenty-nine years", [one(29)]],
    ["29-year-old", [one(29)]],
    ["the third largest group", [one(3)]],
    ["98% Muslim population", [one(98)]],
  ])("reads %j", (text, expected) => {
    expect(statedNumbers(text)).toEqual(expected);
  });

  it.each([
    ["an estimated 1.5 to 2.5 million", { low: 1_500_000, high: 2_500_000 }],
    ["2,500-3,500 on the border", { low: 2500, high: 3500 }],
    ["Between 2017 and 2019", { low: 2017, high: 2019 }],
  ])("reads the range %j", (text, range) => {
    expect(statedNumbers(text)).toEqual([range]);
  });

  it("finds no number where none is written", () => {
    expect(statedNumbers("hundreds injured")).toEqual([]);
    expect(statedNumbers("a man was shot")).toEqual([]);
  });
});

describe("qualifierMeaning", () => {
  it("reads a qualifier whatever its case, by the table", () => {
    expect(qualifierMeaning(QUALIFIERS, "Almost")).toMatchObject({
      kind: "upper",
      inclusive: false,
    });
    expect(qualifierMeaning(QUALIFIERS, "hundreds")).toMatchObject({ kind: "quantity" });
    expect(qualifierMeaning(QUALIFIERS, "roughly-ish")).toBeUndefined();
  });
});

describe("statedNumbersAt", () => {
  it("says where each number and range is written", () => {
    const text = "at least 130 people and between 2017 and 2019, then 1.5 to 2.5 million";
    const found = statedNumbersAt(text);
    expect(found.map((n) => text.slice(n.start, n.end))).toEqual([
      "130",
      "between 2017 and 2019",
      "1.5 to 2.5 million",
    ]);
    expect(found[2]).toMatchObject({ low: 1_500_000, high: 2_500_000 });
  });
});
