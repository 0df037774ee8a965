import { beforeAll, describe, expect, it } from "vitest";
import type { Event } from "../../../src/core/corpus/schema.ts";
import type { Corpus } from "../../../src/core/corpus/types.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { replyTo } from "../../support/responder.ts";

let corpus: Corpus;
let warning: Event;
beforeAll(async () => {
  corpus = (await bundledSnapshot()).corpus;
  warning = corpus.eventById.get("us-embassy-warning-2024") as Event;
});

describe("event", () => {
  it("leads with the event's summary, then when, who took part and what it bears on", async () => {
    const reply = await replyTo("event us embassy warning");
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.answer).toMatchObject({ kind: "event", title: warning.name });
    expect(reply.answer.summary).toBe(warning.summary);
    const fields = Object.fromEntries(reply.answer.fields.map((f) => [f.label, f.value]));
    expect(fields.Date).toContain(warning.date.derivedFrom as string);
    for (const { actor, role } of warning.actors) {
      expect(fields.Who).toContain(`${corpus.actorById.get(actor)?.name} (${role})`);
    }
    expect(fields.About).toBe(corpus.attackById.get(warning.attacks[0] as string)?.name);
    // The event has no place: no "place not given" line.
    expect(fields.Place).toBeUndefined();
    expect(reply.answer.data).toMatchObject({ kind: "event", event: { id: warning.id } });
    for (const c of reply.citations) {
      expect(warning.citations.map((w) => w.quote)).toContain(c.quote);
    }
  });

  it("lists what the sources say about it on the full card", async () => {
    const withFacts = corpus.events.find((e) => e.facts.length > 0) as Event;
    const reply = await replyTo(`more event ${withFacts.name}`);
    if (!reply.ok) throw new Error(reply.error.message);
    const said = reply.answer.sections.find((s) => s.heading === "What the sources say");
    expect(said?.items.map((i) => i.text)).toEqual(withFacts.facts.map((f) => f.text));
  });

  it("answers an event asked for in plain words", async () => {
    const reply = await replyTo("what did the US embassy warn?");
    expect(reply.understood).toMatchObject({ command: "event", options: { query: warning.name } });
    const arrests = await replyTo("who was arrested over the crocus attack");
    expect(arrests.understood?.command).toBe("event");
    expect(arrests.ok && arrests.answer.title).toMatch(/arrested/i);
  });

  it("says which events exist when none matches", async () => {
    const reply = await replyTo("event nonsense words");
    expect(reply).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
