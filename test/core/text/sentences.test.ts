import { describe, expect, it } from "vitest";
import { firstSentence, sentenceSpans } from "../../../src/core/text/sentences.ts";

describe("sentences", () => {
  it("takes the first sentence past abbreviations and numbers", () => {
    expect(firstSentence("U.S. forces left. Then more.")).toBe("U.S. forces left.");
  });

  it("splits a text into sentences at their offsets, a line break ending one", () => {
    const text = "The U.S. said 2,500-3,500. were there. Next one!\nA heading\n\n“Quoted.” Last";
    const spans = sentenceSpans(text);
    expect(spans.map((s) => s.text)).toEqual([
      "The U.S. said 2,500-3,500. were there.",
      "Next one!",
      "A heading",
      "“Quoted.”",
      "Last",
    ]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("does not split inside a sentence before a lower-case word", () => {
    expect(sentenceSpans("It rose to 2.5 million. in all")).toHaveLength(1);
  });
});
