import { beforeAll, describe, expect, it } from "vitest";
import { dateProblems } from "../../../src/core/corpus/dates.ts";
import { FuzzyDate } from "../../../src/core/corpus/schema.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { type DateSuggestion, suggestArticle } from "../../../src/core/suggest/suggest.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { articleWithText } from "../../support/suggest-quality.ts";

let snapshot: CorpusSnapshot;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
});

/** Dates of a text in an article of Wednesday 27 March 2024 (or `published`). */
const dates = (text: string, published?: string) =>
  suggestArticle(snapshot, articleWithText(snapshot, text, published)).filter(
    (s): s is DateSuggestion => s.kind === "date",
  );
const one = (text: string, published?: string) => {
  const found = dates(text, published);
  expect(found).toHaveLength(1);
  return found[0] as DateSuggestion;
};

describe("date suggestions", () => {
  it.each([
    [
      "The men appeared in court on Friday.",
      "on Friday",
      { value: "2024-03-22", precision: "day" },
    ],
    ["Putin spoke on Wednesday.", "on Wednesday", { value: "2024-03-27", precision: "day" }],
    ["It began in January.", "January", { value: "2024-01", precision: "month" }],
    ["The claim came on March 22.", "March 22", { value: "2024-03-22", precision: "day" }],
    ["More were held in late March.", "late March", { value: "2024-03", qualifier: "late" }],
    ["Some 174,000 left last year.", "last year", { value: "2023", precision: "year" }],
  ])("resolves %j against the article's date", (text, quote, expected) => {
    const s = one(text);
    expect(s.quote).toBe(quote);
    expect(s.record).toMatchObject({ ...expected, derivedFrom: quote });
    expect(s.record.reason).toContain("2024-03-27");
  });

  it("counts from the attack the article is about", () => {
    const s = one("Three days after the attack on Crocus City Hall, a pamphlet appeared.");
    expect(s.quote).toBe("Three days after the attack");
    expect(s.record).toMatchObject({ value: "2024-03-25", precision: "day" });
    expect(s.record.reason).toContain("Crocus City Hall attack");
  });

  it("keeps a date stated outright in words, and a bare year", () => {
    expect(one("It was founded In September 2022.").record).toMatchObject({
      value: "2022-09",
      precision: "month",
      words: "September 2022",
      estimated: false,
    });
    expect(one("US troops left in 2021.").record).toMatchObject({
      value: "2021",
      words: "in 2021",
    });
  });

  it("is no more precise than an estimated article date", () => {
    const s = one("The FSB said two weeks ago it had foiled a plot.", "2024-03-23");
    expect(s.record).toMatchObject({ value: "2024-03", precision: "month", qualifier: "early" });
    expect(s.record.estimated).toBe(true);
  });

  it("proposes dates that pass the corpus's date checks", () => {
    const text =
      "On Friday, 22 March 2024, gunmen attacked. In January it had warned. The 2015 attacks came first.";
    const found = dates(text);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const s of found) {
      expect(FuzzyDate.safeParse(s.record).success).toBe(true);
      const record = { id: "r", date: s.record, citations: [{ article: "a", quote: s.sentence }] };
      expect(dateProblems("events.json", [record])).toEqual([]);
    }
  });

  it.each([
    ["a length of time", "They served for a year."],
    ["a stretch of time", "In the last four years, plots were foiled."],
    ["the moment of writing", "The group is now weaker."],
    ["a day hanging on another event", "It issued a second statement the next day."],
    ["a decade", "The wars of the 1990s were brutal."],
    ["a range of numbers", "Some 2,500-3,500 fighters are there."],
  ])("suggests no date for %s", (_, text) => {
    expect(dates(text)).toEqual([]);
  });
});
