import { describe, expect, it } from "vitest";
import { exactly } from "../../../src/core/figures/amounts.ts";
import { amountsLabel, sourcedValues } from "../../../src/core/figures/format.ts";
import { bundledCorpus } from "../../support/corpus.ts";
import { QUALIFIERS } from "../../support/qualifiers.ts";

describe("amountsLabel", () => {
  it.each([
    [exactly(137), "people", "137 people"],
    [{ low: 130, high: 137, lowIn: true, highIn: true }, "people", "130 to 137 people"],
    [
      { low: 6000, high: Infinity, lowIn: false, highIn: false },
      "fighters",
      "more than 6,000 fighters",
    ],
    [{ low: -Infinity, high: 100, lowIn: false, highIn: false }, "people", "under 100 people"],
    [{ low: 2014 + 2 / 3, high: 2015, lowIn: true, highIn: false }, "year", "late 2014"],
    [{ low: 2017, high: 2020, lowIn: true, highIn: false }, "year", "2017 to 2019"],
  ])("writes %j in %s as %j", (amounts, unit, label) => {
    expect(amountsLabel(amounts, unit, QUALIFIERS)).toBe(label);
  });
});

describe("sourcedValues", () => {
  it("names each value's outlets in one pair of brackets, never nested", async () => {
    const corpus = await bundledCorpus();
    const lines = corpus.figures.map((g) => sourcedValues(corpus, g));
    expect(lines.some((l) => l.includes("taz, die tageszeitung"))).toBe(true);
    for (const line of lines) expect(line).not.toMatch(/\([^()]*\(/);
  });
});
