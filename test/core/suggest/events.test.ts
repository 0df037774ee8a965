import { beforeAll, describe, expect, it } from "vitest";
import { Attack, Event } from "../../../src/core/corpus/schema.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
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

describe("attack and event suggestions", () => {
  it("suggests an arrest with its date, place and actors", () => {
    const [s] = of("event", "Tajikistan's police detained five men in Dushanbe on Monday.");
    expect(s?.record).toMatchObject({
      kind: "arrest",
      date: { value: "2024-03-25", precision: "day" },
      place: { country: "Tajikistan" },
      actors: [{ actor: "tajikistan", role: "actor" }],
    });
    expect(Event.safeParse(s?.record).success).toBe(true);
    expect(s?.target).toBeUndefined();
  });

  it("suggests a new attack, its kind read from the verb", () => {
    const [s] = of("attack", "Gunmen stormed a market in Kandahar on Sunday, officials said.");
    expect(s?.record).toMatchObject({
      kinds: ["armed-assault"],
      status: "carried-out",
      place: { city: "Kandahar" },
      date: { value: "2024-03-24" },
    });
    expect(Attack.safeParse(s?.record).success).toBe(true);
  });

  it("joins a known event of the same kind on the same date", () => {
    const [s] = of("event", "ISKP claimed responsibility in Russia on March 22.");
    expect(s?.target).toEqual({ kind: "event", id: "is-claim-crocus-2024" });
  });

  it.each([
    ["a verb without a date or place", "Police detained five men."],
    ["an attack already named", "Gunmen stormed the Crocus City Hall in Russia on Friday."],
    [
      "a reference back to an attack",
      "Putin said in Moscow on Tuesday that the attack was planned.",
    ],
  ])("suggests no attack or event for %s", (_, text) => {
    expect([...of("attack", text), ...of("event", text)]).toEqual([]);
  });
});
