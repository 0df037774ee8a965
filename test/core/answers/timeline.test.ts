import { beforeAll, describe, expect, it } from "vitest";
import type { Corpus } from "../../../src/core/corpus/types.ts";
import type { Item, Reply } from "../../../src/core/reply/schema.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { replyTo, testCaller, testResponder } from "../../support/responder.ts";

let corpus: Corpus;
beforeAll(async () => {
  corpus = (await bundledSnapshot()).corpus;
});

/** The rows of the full timeline: the default answer is cut to one screen. */
async function rows(text: string): Promise<Item[]> {
  const reply = await replyTo(`more ${text}`);
  if (!reply.ok) throw new Error(`"${text}" failed: ${reply.error.message}`);
  return reply.answer.sections.flatMap((s) => s.items);
}
const row = (items: Item[], id: string) => items.find((i) => i.record?.id === id);

describe("timeline lead", () => {
  it("says first how many, over which dates, and which is the latest", async () => {
    const reply = await replyTo("timeline iskp");
    if (!reply.ok) throw new Error(reply.error.message);
    const items = await rows("timeline iskp");
    const latest =
      corpus.attackById.get(items.at(-1)?.record?.id ?? "") ??
      corpus.eventById.get(items.at(-1)?.record?.id ?? "");
    const [lead] = (reply.answer.summary ?? "").split(". Dates");
    expect(lead).toMatch(
      /^\d+ attacks and plots and \d+ events linked to Islamic State in Khorasan Province, from \d{4} to /,
    );
    expect(lead).toContain(`; the latest: ${latest?.name}, `);
  });
});

describe("timeline for an actor or place", () => {
  it("covers Crocus for Russia, where it happened, and says which role each row is", async () => {
    const russia = await rows("timeline russia");
    expect(row(russia, "crocus-city-hall-2024")?.text).toMatch(/Russia: .*place/);
    // Russia's allegation against Ukraine is a role too, as is a warning addressed to it.
    expect(row(russia, "crocus-city-hall-2024")?.text).toContain("names Ukraine as perpetrator");
    expect(row(russia, "us-embassy-warning-2024")?.text).toContain("Russia: addressee");
    expect(row(russia, "kerman-bombings-2024")).toBeUndefined();
  });

  it("gives the perpetrator's attribution status", async () => {
    const iskp = await rows("timeline iskp");
    expect(row(iskp, "crocus-city-hall-2024")?.text).toMatch(
      /perpetrator \(claimed responsibility/,
    );
    expect(row(iskp, "al-azaim-pamphlet-2024")?.text).toContain(": author");
  });

  it("matches a place typed as words against every attack's and event's place", async () => {
    const moscow = await rows("timeline moscow");
    expect(moscow.map((i) => i.record?.id)).toEqual(
      expect.arrayContaining(["crocus-city-hall-2024", "moscow-synagogue-plot-2024"]),
    );
  });

  it("says so, with the nearest names, when nothing fits", async () => {
    const reply = await replyTo("timeline atlantis");
    expect(reply.ok).toBe(false);
    expect(reply.error?.code).toBe("not_found");
  });
});

describe("timeline of an attack, and by kind", () => {
  it("shows an attack with the events that bear on it, in date order", async () => {
    const crocus = await rows("timeline crocus");
    const ids = crocus.map((i) => i.record?.id);
    expect(ids).toContain("crocus-city-hall-2024");
    expect(ids).toEqual(
      expect.arrayContaining([
        "us-embassy-warning-2024",
        "amaq-second-statement-2024",
        "crocus-nine-arrests-2024",
      ]),
    );
    expect(ids.indexOf("us-embassy-warning-2024")).toBeLessThan(
      ids.indexOf("crocus-city-hall-2024"),
    );
  });

  it.each([
    ["timeline events crocus", "event"],
    ["timeline crocus events", "event"],
    ["timeline attacks", "attack"],
  ])("'%s' shows only %s rows", async (text, type) => {
    const items = await rows(text);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.record?.type === type)).toBe(true);
  });

  it("takes the kind as a platform option too, and refuses an unknown one in plain words", async () => {
    const responder = testResponder(await bundledSnapshot());
    const ask = async (options: Record<string, unknown>): Promise<Reply> =>
      (await responder.answer({ caller: testCaller(), input: { command: "timeline", options } }))
        .reply;
    const events = await ask({ kind: "Events", name: "russia" });
    expect(
      events.ok && events.answer.sections[0]?.items.every((i) => i.record?.type === "event"),
    ).toBe(true);
    const bad = await ask({ kind: "rumours" });
    expect(bad.ok).toBe(false);
    expect(bad.error?.message).toContain('kind is "attacks", "events" or "all"');
    expect(bad.error?.message).not.toMatch(/invalid_|Expected/);
  });
});

describe("timeline dates", () => {
  it("puts the 'last four years' plots after September 2022 and marks them a span", async () => {
    const all = await rows("timeline");
    const ids = all.map((i) => i.record?.id);
    expect(ids.indexOf("europe-tajik-plots")).toBeGreaterThan(
      ids.indexOf("kabul-russian-embassy-2022"),
    );
    expect(ids.indexOf("europe-tajik-plots")).toBeGreaterThan(ids.indexOf("crocus-city-hall-2024"));
    const europe = row(all, "europe-tajik-plots")?.text;
    expect(europe).toContain("a span");
    expect(europe).toContain("[alleged plot]");
    expect(europe).not.toContain("foiled");
  });

  it("marks every derived date derived, with its words, in every row", async () => {
    const all = await rows("timeline");
    const derived = [...corpus.attacks, ...corpus.events].filter((r) => r.date.derivedFrom);
    expect(derived.length).toBeGreaterThan(10);
    for (const r of derived) {
      expect(row(all, r.id)?.text, r.id).toContain(`derived from “${r.date.derivedFrom}”`);
    }
  });

  it("carries each row's record id and kind in the JSON", async () => {
    const all = await rows("timeline");
    expect(row(all, "crocus-suspects-in-court-2024")?.record).toEqual({
      type: "event",
      id: "crocus-suspects-in-court-2024",
      kind: "court-appearance",
    });
    expect(row(all, "cologne-cathedral-plots")?.record?.kind).toBe("alleged");
  });
});

describe("attack answers", () => {
  it("list the related events, with their dates marked derived", async () => {
    const reply = await replyTo("more attack crocus");
    if (!reply.ok) throw new Error(reply.error.message);
    const related = reply.answer.sections.find((s) => s.heading === "Related events")?.items ?? [];
    expect(related.map((i) => i.record?.id)).toEqual(
      expect.arrayContaining([
        "tajik-foreign-ministry-announcement-2024",
        "al-azaim-pamphlet-2024",
      ]),
    );
    expect(related.find((i) => i.record?.id === "al-azaim-pamphlet-2024")?.text).toContain(
      "derived from “Three days after the attack”",
    );
  });

  it("never put quote marks inside quote marks in the Date field", async () => {
    for (const a of corpus.attacks) {
      const reply = await replyTo(`attack ${a.id}`);
      if (!reply.ok) throw new Error(reply.error.message);
      const date = reply.answer.fields.find((f) => f.label === "Date")?.value ?? "";
      expect(date, a.id).not.toMatch(/[“"][^”"]*[“"]/u);
      if (a.date.derivedFrom) expect(date, a.id).toContain(`derived from “${a.date.derivedFrom}”`);
    }
  });

  it("call an alleged plot alleged, not foiled", async () => {
    const reply = await replyTo("attack europe-tajik-plots");
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.answer.fields.find((f) => f.label === "Status")?.value).toBe(
      "alleged plot (suspects detained)",
    );
  });
});
