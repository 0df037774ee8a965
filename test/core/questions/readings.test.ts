import { beforeAll, describe, expect, it } from "vitest";
import { readQuestion } from "../../../src/core/questions/readings.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { bundledSnapshot } from "../../support/corpus.ts";

let snapshot: CorpusSnapshot;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
});

/** The record a question is answered from: "figure crocus-killed", "actor isis-k". */
function firstReading(question: string): string {
  const best = readQuestion(snapshot, question).readings.find((r) => r.answers);
  if (!best) return "none";
  const { names } = snapshot;
  const index = {
    figure: names.figures,
    actor: names.actors,
    attack: names.attacks,
    event: names.events,
  }[best.command as "figure" | "actor" | "attack" | "event"];
  const found = index?.resolve(best.argument);
  return found?.kind === "found" ? `${best.command} ${found.id}` : best.command;
}

// Questions written from the five articles, in the words a reporter would use; several forms each.
describe("readQuestion", () => {
  it.each([
    ["how many people died in the crocus attack?", "figure crocus-killed"],
    ["What was the death toll at Crocus City Hall", "figure crocus-killed"],
    ["how many were injured in the crocus attack", "figure crocus-injured"],
    ["how many people were killed in the Kerman bombings?", "figure kerman-killed"],
    ["how many tajiks live in russia?", "figure tajiks-in-russia"],
    ["how many fighters does isis-k have", "figure isis-k-fighters"],
    ["when was isis-k founded", "figure isis-k-founded"],
    ["when was the crocus attack", "attack crocus-city-hall-2024"],
    ["when did the taliban take power", "figure taliban-takeover-year"],
    ["how many suspects were arrested after crocus", "figure crocus-suspects-arrested-later"],
    ["who is sanaullah ghafari", "actor sanaullah-ghafari"],
    ["how old is the iskp leader", "figure iskp-leader-age"],
    [
      "what share of tajikistan's gnp comes from remittances",
      "figure tajikistan-remittances-gnp-share",
    ],
    ["what share of tajikistan is muslim", "figure tajikistan-muslim-share"],
    ["who leads iskp", "actor isis-k"],
    ["who is rahmon?", "actor emomali-rahmon"],
    ["who are the taliban", "actor taliban"],
    ["who claimed the crocus attack", "attack crocus-city-hall-2024"],
    ["who was behind the attack in moscow", "attack crocus-city-hall-2024"],
    ["what happened at kerman", "attack kerman-bombings-2024"],
    ["where do the sources disagree?", "disputes"],
    ["where do the reports disagree", "disputes"],
    // One letter off a word some record has.
    ["when was the crocus atack", "attack crocus-city-hall-2024"],
    ["who is sanaulah ghafari", "actor sanaullah-ghafari"],
  ])("reads %j as %s", (question, expected) => {
    expect(firstReading(question)).toBe(expected);
  });

  it("weighs a term by how few records have it: a place named outweighs a common word", () => {
    // Kerman's toll has "killed" and "bombing", Bajaur's "killed" and "bajaur": the name decides,
    // not that Kerman's toll has more sources.
    expect(firstReading("how many killed in the bajaur bombing")).toBe("figure bajaur-2023-killed");
    // "Tajik" names a dozen records, "attackers" only the Crocus ones.
    expect(firstReading("were the attackers tajik")).toBe("figure crocus-attackers");
    // A word no record has ("go") neither swamps the question nor is dropped from it.
    expect(firstReading("when did russia go into syria")).toBe(
      "figure russia-syria-intervention-year",
    );
    expect(firstReading("how many people died in the beslan school siege")).toBe("none");
  });

  it("answers no toll for an attack the corpus never names, but reads a mistyped word", () => {
    // "London" is in no record and no text: Kerman's toll, which shares "killed" and "bombing",
    // is some other attack's.
    expect(firstReading("how many died in the london bombings")).toBe("none");
    expect(firstReading("how many people died in the boston marathon bombing")).toBe("none");
    // A record named whole still answers beside such a word ("ppl" is in no text either).
    expect(firstReading("how many ppl were killed in the crocus attack")).toBe(
      "figure crocus-killed",
    );
    // "Peple" is one letter off a word the texts have: a typo, not a name the corpus lacks.
    expect(firstReading("how many peple died in moscow")).toBe("figure crocus-killed");
  });

  it("reads a title asked after as part of the question: the president, not the country", () => {
    expect(firstReading("who is the president of russia")).toBe("actor vladimir-putin");
    expect(firstReading("who is the president of tajikistan")).toBe("actor emomali-rahmon");
    // "Tajik", "Russian" name the country as "Tajikistan", "Russia" do.
    expect(firstReading("who is the tajik president")).toBe("actor emomali-rahmon");
    expect(firstReading("who is the russian president")).toBe("actor vladimir-putin");
    // "Emir" is a leader, but the Taliban's "Islamic Emirate" is no leader's title.
    expect(firstReading("who is the leader of hezbollah")).toBe("none");
  });

  it("finds a figure by the words of its values, as the sources state them", () => {
    // "The 1.3 million strong Tajik diaspora", "137" and "at least 130" are in values, not topics.
    expect(firstReading("size of the tajik diaspora")).toBe("figure tajiks-in-russia");
    expect(firstReading("is the death toll 137 or 130")).toBe("figure crocus-killed");
  });

  it("reads who was arrested as an arrest, the one over the attack the corpus says most about", () => {
    // Three arrests fit alike and are cited alike: the Crocus suspects', not Cologne's by the alphabet.
    expect(firstReading("who was arrested")).toBe("event crocus-nine-arrests-2024");
    expect(firstReading("who were detained over plots in europe")).toBe(
      "event europe-tajik-detentions",
    );
  });

  it("prefers the record the question names whole over one that shares the words", () => {
    // "Islamic State in Khorasan Province" has both words and more citations; "Islamic State" is
    // the name asked.
    expect(firstReading("where is IS headquarters")).toBe("actor islamic-state");
  });

  it("reads the source a question asks after as a filter, not its subject", () => {
    expect(firstReading("how many tajiks in russia according to taz")).toBe(
      "figure tajiks-in-russia",
    );
    // Unless the source is all the question names.
    expect(firstReading("what happened according to the fsb")).toBe(
      "attack moscow-synagogue-plot-2024",
    );
  });

  it("reads a possessive's s as nothing, though a record's name has one", () => {
    const score = (q: string) => readQuestion(snapshot, q).readings[0]?.score;
    expect(score("who is iskp's leader")).toBe(score("who is iskp leader"));
  });

  it.each([
    ["what day was the attack", "attack crocus-city-hall-2024"],
    ["when did iskp start", "figure isis-k-founded"],
    ["what do the sources say about the crocus death toll", "figure crocus-killed"],
    // "Did X do Y" asks about an event as often as about an actor.
    ["did the us warn russia", "event us-embassy-warning-2024"],
    ["what are the conflicting figures", "disputes"],
    ["why does isis-k target russia", "actor isis-k"],
    // "What is/was …" names a figure as often as an actor: the toll, not the attack or the place.
    ["what is the crocus death toll", "figure crocus-killed"],
    ["what was the bajaur death toll", "figure bajaur-2023-killed"],
    // "Who" asks for an actor: not the leader's age, whose topic names the leader.
    ["who is isis-k's leader", "actor isis-k"],
    // Every figure's answer says whether its sources agree: "disagree" names no figure.
    ["which sources disagree on the death toll", "figure crocus-killed"],
    ["why do the sources disagree on the death toll", "disputes"],
    // "What did X say" asks about a speaker or a statement, not a figure about what they said.
    ["what did edward lemon say about tajiks", "actor edward-lemon"],
    ["what did abdul sayed tell taz", "actor abdul-sayed"],
    ["when was the pamphlet published", "event al-azaim-pamphlet-2024"],
    ["which figures do the sources disagree on", "disputes"],
    ["what is the latest death toll", "figure crocus-killed"],
    // AsiaNews calls it a ceremony, taz a funeral; the record's target, a memorial event.
    ["who attacked the soleimani ceremony", "attack kerman-bombings-2024"],
  ])("knows the wording of %j", (question, expected) => {
    expect(firstReading(question)).toBe(expected);
  });

  it("offers the next readings after the first", () => {
    const { readings } = readQuestion(snapshot, "how many died in crocus");
    expect(readings.length).toBeGreaterThan(2);
    expect(readings.map((r) => r.command)).toContain("figure");
  });

  it("reads nothing into words no record has, and keeps them for a search", () => {
    expect(readQuestion(snapshot, "zebra xylophone")).toEqual({
      readings: [],
      rest: "zebra xylophone",
    });
  });

  it("falls back to the one actor or attack a question names, at its own low score", () => {
    const { readings } = readQuestion(snapshot, "why did ghafari target russia");
    expect(firstReading("why did ghafari target russia")).toBe("actor sanaullah-ghafari");
    // Only a third of the question is covered: it answers, and its score says how weakly.
    expect(readings[0]?.score).toBeLessThan(0.5);
    // "Attack" names every attack, so only Putin is named; he is offered once.
    const putin = readQuestion(snapshot, "what did putin say about the attack").readings;
    expect(firstReading("what did putin say about the attack")).toBe("actor vladimir-putin");
    expect(putin.filter((r) => r.argument === putin[0]?.argument)).toHaveLength(1);
  });

  it("does not fall back on a name the question's form does not ask for, or a shared one", () => {
    // "How many" asks for a figure: Dushanbe, the only record named, is an actor.
    expect(firstReading("how many people live in dushanbe")).toBe("none");
    // "Moscow" names more than one record (the Crocus attack, the synagogue plot).
    expect(firstReading("what is the weather in moscow")).toBe("none");
  });
});
