import { describe, expect, it } from "vitest";
import type { DateSpan, FuzzyDate } from "../../../src/core/corpus/schema.ts";
import { formatWhen, isRelativeDateWords, whenSortKey } from "../../../src/core/text/dates.ts";

const day = (value: string, extra: Partial<FuzzyDate> = {}): FuzzyDate => ({
  value,
  precision: value.length === 10 ? "day" : value.length === 7 ? "month" : "year",
  estimated: false,
  ...extra,
});

const lastFourYears: DateSpan = {
  from: day("2020", { estimated: true, reason: "r" }),
  to: day("2024-03", { qualifier: "late", estimated: true, reason: "r" }),
  derivedFrom: "In the last four years",
  reason: "r",
};

describe("formatWhen", () => {
  it("marks a derived date with the words it comes from, in one parenthesis and one pair of quotes", () => {
    const text = formatWhen(
      day("2024-03-21", { derivedFrom: "a day before the attack in Moscow", reason: "r" }),
    );
    expect(text).toBe("21 Mar 2024 (derived from “a day before the attack in Moscow”)");
  });

  it("shows a span as its two ends, says it is one, and that it is estimated and derived", () => {
    expect(formatWhen(lastFourYears)).toBe(
      "2020–late Mar 2024 (a span; estimated; derived from “In the last four years”)",
    );
  });

  it("leaves a stated date plain", () => {
    expect(formatWhen(day("2022-09", { words: "In September 2022" }))).toBe("Sep 2022");
  });
});

describe("whenSortKey", () => {
  it("sorts a span by its end, after anything dated in the period its end names", () => {
    const keys = [
      whenSortKey(lastFourYears),
      whenSortKey(day("2024-03-22")),
      whenSortKey(day("2022-09")),
    ];
    expect([...keys].sort()).toEqual([keys[2], keys[1], keys[0]]);
  });

  it("places early, mid and late within their month", () => {
    const late = whenSortKey(day("2024-03", { qualifier: "late" }));
    const early = whenSortKey(day("2024-03", { qualifier: "early" }));
    expect(early < whenSortKey(day("2024-03-15"))).toBe(true);
    expect(whenSortKey(day("2024-03-15")) < late).toBe(true);
  });
});

describe("isRelativeDateWords", () => {
  it.each([
    "Just two weeks ago",
    "earlier this year",
    "a day before the attack in Moscow",
    "in January",
    "on March 22, the day of the attack",
    "last year",
    "Friday’s terrorist attack",
    "In the last four years",
  ])("reads '%s' as relative", (words) => {
    expect(isRelativeDateWords(words)).toBe(true);
  });

  it.each([
    "In September 2022",
    "in 2015",
    "22 March 2024",
    "Between 2017 and 2019",
    "in the 1990s",
  ])("reads '%s' as stated", (words) => {
    expect(isRelativeDateWords(words)).toBe(false);
  });
});
