import { describe, expect, it } from "vitest";
import type { QuestionWords } from "../../../src/core/corpus/questions-schema.ts";
import { buildQuestionModel } from "../../../src/core/questions/model.ts";

const words: QuestionWords = {
  forms: [
    {
      id: "identity",
      label: "an actor",
      starts: ["who is", "kto"],
      weights: { actor: 1 },
      keep: false,
    },
    {
      id: "leader",
      label: "an actor",
      starts: ["who is the leader"],
      weights: { actor: 1 },
      keep: false,
    },
    { id: "amount", label: "a figure", starts: ["how old"], weights: { figure: 1 }, keep: true },
  ],
  synonyms: [
    ["killed", "died", "lives lost"],
    ["gunmen", "=attackers"],
    ["takeover", "coming to power"],
  ],
  ignore: ["please"],
  letters: { к: "k", т: "t", о: "o", р: "r", а: "a", х: "kh", м: "m", н: "n" },
};
const model = buildQuestionModel(words);

describe("buildQuestionModel", () => {
  it("takes the longest opening that fits, and keeps a form's words only where it says so", () => {
    expect(model.formOf("Who is the leader of ISKP?")).toMatchObject({
      form: { id: "leader" },
      rest: "of iskp",
    });
    expect(model.formOf("who is Ghafari")).toMatchObject({
      form: { id: "identity" },
      rest: "ghafari",
    });
    expect(model.formOf("how old is he")).toMatchObject({
      form: { id: "amount" },
      rest: "how old is he",
    });
    expect(model.formOf("whois ghafari")).toMatchObject({ form: null, rest: "whois ghafari" });
  });

  it("reads synonyms, phrases and exact words as the meaning they stand for", () => {
    expect(model.termsOf("how many died")).toEqual(["mani", "kill"]);
    expect(model.termsOf("lives lost in kerman")).toEqual(["kill", "kerman"]);
    // A phrase in whatever form its words take.
    expect(model.termsOf("taliban come to power")).toEqual(["taliban", "takeov"]);
    expect(model.termsOf("the attackers")).toEqual(["gunmen"]);
    // Only the word itself: "attack" keeps its own meaning.
    expect(model.termsOf("the attack")).toEqual(["attack"]);
    expect(model.termsOf("please")).toEqual([]);
    expect(model.meaningOf("di")).toBe("kill");
  });

  it("reads IS and US written in capitals as the names, unless the whole question shouts", () => {
    expect(model.formOf("who is IS")).toMatchObject({ rest: "islamic state" });
    expect(model.formOf("who is the leader of the US")).toMatchObject({
      rest: "of the united states",
    });
    expect(model.formOf("WHO IS GHAFARI")).toMatchObject({
      form: { id: "identity" },
      rest: "ghafari",
    });
  });

  it("never ignores a word some record is named by, though its term is an ignored one's", () => {
    const ignoring = { ...words, ignore: ["say"] };
    // "Sayed" and "say" are both "sai" to the stemmer.
    expect(buildQuestionModel(ignoring).termsOf("what did sayed say")).toEqual([]);
    expect(buildQuestionModel(ignoring, new Set(["sayed"])).termsOf("what did sayed say")).toEqual([
      "sai",
    ]);
  });

  it("spells other scripts' letters as the texts do, so Cyrillic names meet Latin ones", () => {
    expect(model.formOf("кто Рахмон")).toMatchObject({ form: { id: "identity" }, rest: "rakhmon" });
  });
});
