import { beforeAll, describe, expect, it } from "vitest";
import { Actor } from "../../../src/core/corpus/schema.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { adjectivesOf } from "../../../src/core/suggest/actors.ts";
import { type Suggestion, suggestArticle } from "../../../src/core/suggest/suggest.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { articleWithText } from "../../support/suggest-quality.ts";

let snapshot: CorpusSnapshot;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
});

const of = <K extends Suggestion["kind"]>(kind: K, text: string) =>
  suggestArticle(snapshot, articleWithText(snapshot, text)).filter(
    (s): s is Extract<Suggestion, { kind: K }> => s.kind === kind,
  );
const mentioned = (text: string) => of("actor-mention", text).map((s) => s.target.id);

describe("actor-mention suggestions", () => {
  it("finds known actors by any alias, once each, at the first mention", () => {
    const found = of(
      "actor-mention",
      "ISKP said so. Later the ISKP said more, and Rakhmon denied it.",
    );
    expect(found.map((s) => [s.target.id, s.quote, s.start])).toEqual([
      ["isis-k", "ISKP", 0],
      ["emomali-rahmon", "Rakhmon", 44],
    ]);
    expect(found[0]?.confidence).toBeGreaterThan(found[1]?.confidence as number);
  });

  it("finds a name transliterated as look-ups fold it, spelt names first", () => {
    expect(mentioned("The Amak agency spoke.")).toEqual(["amaq"]);
    expect(mentioned("The ISKP spoke.")).toEqual(["isis-k"]);
  });

  it("takes the longest name where names overlap", () => {
    expect(mentioned("The Islamic State Khorasan Province claimed it.")).toEqual(["isis-k"]);
  });

  it("proposes the actor with the article's citation added, valid under the schema", () => {
    const [s] = of("actor-mention", "Vladimir Putin spoke on television.");
    expect(s?.record.citations.at(-1)).toEqual({
      article: "test-article",
      quote: "Vladimir Putin spoke on television.",
    });
    expect(Actor.safeParse(s?.record).success).toBe(true);
  });

  it("finds a country by its adjective, less surely", () => {
    const [s] = of("actor-mention", "Syrian forces moved north.");
    expect(s).toMatchObject({ quote: "Syrian", target: { id: "syria" } });
    expect(s?.confidence).toBeLessThan(0.6);
    expect(adjectivesOf("Afghanistan")).toContain("Afghan");
    expect(adjectivesOf("Ukraine")).toContain("Ukrainian");
  });

  it.each([
    ["a short name in lower case", "Tell us what is going on."],
    ["a one-word name in lower case", "She ordered a lemon tea in the café."],
    ["a name inside a longer word", "The Isisk tribe lives there."],
  ])("suggests no mention for %s", (_, text) => {
    expect(mentioned(text)).toEqual([]);
  });
});

describe("new-actor suggestions", () => {
  it("suggests a name the corpus does not know, with a guessed kind", () => {
    const [s] = of("new-actor", "The committee head Alexander Bastrykin said the men were paid.");
    expect(s).toMatchObject({ quote: "Alexander Bastrykin", record: { kind: "person" } });
    expect(Actor.safeParse(s?.record).success).toBe(true);
  });

  it("reads an organisation's kind from its words", () => {
    const [s] = of("new-actor", "The Investigative Committee of Russia opened a case.");
    expect(s?.record.kind).toBe("government-body");
    expect(s?.quote).toBe("Investigative Committee");
  });

  it.each([
    ["a sentence opener", "The men were held."],
    ["days and months", "On Monday in March nothing happened."],
    ["an adjective of a known name", "Russian officials were silent."],
    ["a word the texts write in lower case", "Police arrested them."],
    ["a known actor", "Vladimir Putin spoke."],
    ["a known attack's site", "Gunmen stormed the Crocus City Hall."],
    ["a sentence's first word used nowhere else", "Investigators said so."],
  ])("suggests no new actor for %s", (_, text) => {
    expect(of("new-actor", text)).toEqual([]);
  });
});
