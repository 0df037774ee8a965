import { beforeAll, describe, expect, it } from "vitest";
import { FigureGroup, FigureValue } from "../../../src/core/corpus/schema.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { type FigureValueSuggestion, suggestArticle } from "../../../src/core/suggest/suggest.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { articleWithText } from "../../support/suggest-quality.ts";

let snapshot: CorpusSnapshot;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
});

const articleOf = (text: string) => articleWithText(snapshot, text);

const figures = (text: string) =>
  suggestArticle(snapshot, articleOf(text)).filter(
    (s): s is FigureValueSuggestion => s.kind === "figure-value",
  );
const only = (text: string) => {
  const found = figures(text);
  expect(found).toHaveLength(1);
  return found[0] as FigureValueSuggestion;
};

describe("figure-value suggestions", () => {
  it("reads a toll with its qualifier and joins the Crocus toll", () => {
    const s = only("At the Crocus City Hall, at least 130 people died.");
    expect(s.record).toMatchObject({ value: 130, qualifier: "at least" });
    expect(s.quote).toBe("at least 130 people died");
    expect(s.target).toEqual({ kind: "figure-group", id: "crocus-killed" });
  });

  it("tells the injured from the killed in one sentence", () => {
    const [killed, injured] = figures(
      "The Crocus City Hall attack killed 143 people and more than 140 were injured.",
    );
    expect(killed?.record).toMatchObject({ value: 143, qualifier: null });
    expect(killed?.target?.id).toBe("crocus-killed");
    expect(injured?.record).toMatchObject({ value: 140, qualifier: "more than" });
    expect(injured?.target?.id).toBe("crocus-injured");
  });

  it.each([
    [
      "An estimated 1.3 million Tajiks live in Russia.",
      { value: 1_300_000, qualifier: "estimated" },
    ],
    ["Tajikistan has a 98% Muslim population.", { value: 98, qualifier: null }],
    ["He is a 29-year-old Afghan.", { value: 29 }],
    ["Police detained dozens of migrants.", { qualifier: "dozens" }],
    ["Police say four gunmen opened fire.", { value: 4 }],
    ["Between 2,500 and 3,500 fighters are near the border.", { low: 2500, high: 3500 }],
  ])("reads %j", (text, expected) => {
    expect(only(text).record).toMatchObject(expected);
  });

  it("measures ages and shares", () => {
    expect(only("He is a 29-year-old Afghan.")).toMatchObject({ measure: "age", unit: "years" });
    expect(only("Tajikistan has a 98% Muslim population.").unit).toBe("percent");
  });

  it.each([
    "Three weeks after the attack, the suspects were in court.",
    "In the last three years, attacks were carried out.",
    "The attack took place on 22 March 2024.",
    "The attack took place on March 22, 2024.",
    "The UN report stated it.[1] Nothing more.",
    "One of the men was arrested.",
    "For the first time, the group spoke.",
    "The 2015 terrorist attacks in Paris were its model.",
    "In February 2023 the report came out.",
    "The Su-27 flew over the border.",
  ])("suggests no figure in %j", (text) => {
    expect(figures(text)).toEqual([]);
  });

  it("reads a year as a figure only with what it dates", () => {
    expect(only("The group was founded in 2015.").record).toMatchObject({ value: 2015 });
    expect(only("ISIS-K first emerged in late 2014.").record).toMatchObject({
      value: 2014,
      qualifier: "late",
    });
  });

  it("proposes records valid under the corpus schema, quoted verbatim", () => {
    const text = "Officials said about 360 were injured and 1,500 fled the hall in Krasnogorsk.";
    const found = figures(text);
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) {
      expect(FigureValue.safeParse(s.record).success).toBe(true);
      expect(s.record.citation).toEqual({ article: "test-article", quote: s.quote });
      expect(text.slice(s.start, s.end)).toBe(s.quote);
      if (!s.target) expect(FigureGroup.safeParse(s.group).success).toBe(true);
    }
  });

  it("proposes a new group when none fits", () => {
    const s = only("The ministry said 12 buses were sent to the airport.");
    expect(s.target).toBeUndefined();
    expect(s.group?.values).toEqual([s.record]);
  });
});
