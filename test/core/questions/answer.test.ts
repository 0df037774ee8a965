import { beforeAll, describe, expect, it } from "vitest";
import { changesAsked, questionAnswer } from "../../../src/core/questions/answer.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { bundledSnapshot } from "../../support/corpus.ts";

let snapshot: CorpusSnapshot;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
});
const ask = (question: string) =>
  questionAnswer({ snapshot, command: "ask", query: question }, question);

describe("questionAnswer", () => {
  it("answers from the best reading and says first how it understood the question", () => {
    const reply = ask("how many people died in the crocus attack?");
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.command).toBe("ask");
    expect(reply.answer.fields[0]).toEqual({
      label: "Answered as",
      value: `figure · ${reply.answer.title}`,
      cites: [],
      disputed: false,
    });
    expect(reply.answer.figures[0]?.id).toBe("crocus-killed");
    expect(reply.citations.length).toBeGreaterThan(0);
  });

  it("offers the other readings as one-click suggestions, never the one it answered", () => {
    const reply = ask("how many died in crocus");
    if (!reply.ok) throw new Error(reply.error.message);
    const commands = reply.suggestions.map((s) => s.command);
    expect(commands.length).toBeGreaterThan(0);
    expect(commands).toContain("figure crocus injured");
    expect(commands.filter((c) => c === "figure crocus death toll")).toEqual([]);
  });

  it("answers who was behind an attack with its perpetrators first, in a short answer", () => {
    const short = (question: string) => {
      const reply = questionAnswer(
        { snapshot, command: "ask", query: question, more: `more ask ${question}` },
        question,
      );
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.answer;
    };
    const who = short("who claimed the crocus attack");
    const what = short("what happened at crocus city hall");
    expect(who.title).toBe(what.title);
    // The toll makes way for who: each perpetrator entry with the sources that say so.
    expect(who.sections.map((s) => s.heading)).toEqual(["Perpetrators"]);
    expect(who.fields.map((f) => f.label)).not.toContain("Killed");
    expect(what.fields.map((f) => f.label)).toContain("Killed");
    expect(who.sections[0]?.items[0]?.cites.length).toBeGreaterThan(0);
  });

  it("answers who the attackers were from the attack, its perpetrators first", () => {
    const short = (question: string) =>
      questionAnswer(
        { snapshot, command: "ask", query: question, more: `more ask ${question}` },
        question,
      );
    // The attackers are counted by a figure; "who" asks for the attack's perpetrators, not a count.
    const who = short("who were the four gunmen");
    if (!who.ok) throw new Error(who.error.message);
    expect(who.understood?.command).toBe("attack");
    expect(who.answer.title).toBe("Crocus City Hall attack");
    expect(who.answer.sections.map((s) => s.heading)).toEqual(["Perpetrators"]);
    expect(who.answer.fields.map((f) => f.label)).not.toContain("Killed");
    // The dead are counted too, but are not the perpetrators: the attack as a whole, toll first.
    const dead = short("who were the victims at crocus city hall");
    if (!dead.ok) throw new Error(dead.error.message);
    expect(dead.answer.fields.map((f) => f.label)).toContain("Killed");
  });

  it("says plainly when nothing in the corpus answers, inventing nothing", () => {
    const reply = ask("zebra xylophone");
    expect(reply).toMatchObject({ ok: false, answer: null, error: { code: "not_found" } });
    expect(reply.citations).toEqual([]);
  });

  it("says in the JSON how it understood the question: command, options, confidence", () => {
    const reply = ask("how many people died in the crocus attack?");
    expect(reply.understood).toEqual({
      command: "figure",
      options: { topic: "crocus death toll" },
      confidence: expect.any(Number),
    });
    // "died" tells the death toll from the injured toll: a clear lead, so a sure reading.
    expect(reply.understood?.confidence).toBeGreaterThanOrEqual(0.9);
    const sure = ask("when was isis-k founded")?.understood?.confidence as number;
    expect(sure).toBeGreaterThan(0.9);
    expect(sure).toBeLessThanOrEqual(1);
    // Two readings that fit about as well make a less certain answer.
    const vague = ask("crocus")?.understood?.confidence as number;
    expect(vague).toBeLessThan(sure);
    expect(vague).toBeLessThanOrEqual(0.75);
  });

  it("leaves 'what changed' to the changes command, which reads the store's history", () => {
    const question = "what has changed since v3?";
    expect(changesAsked(snapshot, question)).toEqual({ since: "v3" });
    expect(changesAsked(snapshot, "what changed")).toEqual({ since: null });
    expect(changesAsked(snapshot, "who leads iskp")).toBeNull();
  });

  it("resolves Cyrillic spellings of names", () => {
    expect(ask("what happened in Керман")).toMatchObject({
      understood: { command: "attack", options: { query: "Kerman bombings" } },
    });
  });

  it("cites the passages that share most of an unanswered question's words, and no others", () => {
    const reply = ask("how many people live in Dushanbe");
    expect(reply).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(reply.understood).toBeUndefined();
    expect(reply.citations.length).toBeGreaterThan(0);
    for (const c of reply.citations) expect(c.quote).toMatch(/Dushanbe/);
    expect(reply.suggestions[0]?.command).toMatch(/^search /);
    expect(ask("who won the world cup in 2024").citations).toEqual([]);
  });
});
