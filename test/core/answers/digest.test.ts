import { beforeAll, describe, expect, it } from "vitest";
import { corpusKeys, digestAnswer } from "../../../src/core/answers/digest.ts";
import type { Corpus } from "../../../src/core/corpus/types.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { bundledSnapshot } from "../../support/corpus.ts";

let snapshot: CorpusSnapshot;
let corpus: Corpus;
const ctx = () => ({ snapshot, command: "digest", query: "digest" });
beforeAll(async () => {
  snapshot = await bundledSnapshot();
  corpus = snapshot.corpus;
});

function ok(reply: ReturnType<typeof digestAnswer>) {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.answer;
}

describe("digestAnswer", () => {
  it("introduces the corpus on a channel's first digest and lists the disputed figures", () => {
    const answer = ok(digestAnswer(ctx(), { previousKeys: null, date: "2026-11-22" }));
    expect(answer.summary).toMatch(/^First digest/);
    expect(answer.sections.find((s) => s.heading === "New articles")?.items).toHaveLength(5);
    const disputed = answer.sections.find((s) => s.heading === "Disputed figures");
    expect(disputed?.items.some((i) => i.text.includes("dozens") && i.disputed)).toBe(true);
  });

  it("says briefly that nothing is new when the corpus has not changed", () => {
    const answer = ok(
      digestAnswer(ctx(), { previousKeys: new Set(corpusKeys(corpus)), date: "2026-11-22" }),
    );
    expect(answer.summary).toMatch(/^Nothing new/);
    expect(answer.sections).toEqual([]);
  });

  it("reports exactly what was added since the last digest", () => {
    const keys = corpusKeys(corpus).filter(
      (k) => !k.startsWith("figure:crocus-killed:") && k !== "article:taz-three-weeks-after",
    );
    const answer = ok(digestAnswer(ctx(), { previousKeys: new Set(keys), date: "2026-11-22" }));
    expect(answer.summary).toMatch(/1 article, 0 attacks or plots, 0 events, 4 figure values/);
    expect(answer.sections.find((s) => s.heading === "New articles")?.items[0]?.text).toMatch(
      /^taz/,
    );
  });

  it("marks anniversaries that fall on the slot's date", () => {
    const answer = ok(
      digestAnswer(ctx(), { previousKeys: new Set(corpusKeys(corpus)), date: "2026-03-22" }),
    );
    expect(answer.sections.find((s) => s.heading === "On this day")?.items[0]?.text).toBe(
      "2 years ago today: Crocus City Hall attack",
    );
  });

  it("marks a derived date derived on its anniversary and lists new attacks with their dates as shown", () => {
    const answer = ok(digestAnswer(ctx(), { previousKeys: null, date: "2026-03-21" }));
    expect(answer.sections.find((s) => s.heading === "On this day")?.items[0]?.text).toBe(
      "2 years ago today: Kandahar suicide bombing (date derived from “a day before the attack in Moscow”)",
    );
    const keys = new Set(
      corpusKeys(corpus).filter(
        (k) => k !== "attack:kandahar-2024" && k !== "event:amaq-second-statement-2024",
      ),
    );
    const later = ok(digestAnswer(ctx(), { previousKeys: keys, date: "2026-03-21" }));
    expect(
      later.sections.find((s) => s.heading === "New events")?.items.map((i) => i.text),
    ).toEqual([
      "23 Mar 2024 (derived from “the next day”): second statement from its Amaq media department [statement]",
    ]);
    const listed = later.sections.find((s) => s.heading === "New attacks and plots")?.items ?? [];
    expect(
      listed.some((i) => i.text.includes("(derived from “a day before the attack in Moscow”)")),
    ).toBe(true);
  });

  it("cites exactly what it shows", () => {
    for (const previousKeys of [null, new Set(corpusKeys(corpus).slice(0, 40))]) {
      const reply = digestAnswer(ctx(), { previousKeys, date: "2026-03-22" });
      if (!reply.ok) throw new Error(reply.error.message);
      const shown = new Set(reply.answer.sections.flatMap((s) => s.items.flatMap((i) => i.cites)));
      expect([...shown].sort((a, b) => a - b)).toEqual(reply.citations.map((c) => c.id));
    }
  });

  it("keeps to the channel's topic", () => {
    const all = ok(digestAnswer(ctx(), { previousKeys: null, date: "2026-11-22" }));
    const topical = ok(
      digestAnswer(ctx(), { topic: "tajikistan", previousKeys: null, date: "2026-11-22" }),
    );
    const count = (a: typeof all) =>
      a.sections.find((s) => s.heading === "Disputed figures")?.items.length ?? 0;
    expect(topical.title).toContain("Tajikistan");
    expect(count(topical)).toBeLessThan(count(all));
  });
});
