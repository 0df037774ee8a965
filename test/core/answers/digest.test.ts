import { beforeAll, describe, expect, it } from "vitest";
import {
  type BuiltDigest,
  corpusKeys,
  type DigestInput,
  digestAnswer,
  rememberShown,
  staleShown,
} from "../../../src/core/answers/digest.ts";
import type { Corpus } from "../../../src/core/corpus/types.ts";
import { articlesNaming } from "../../../src/core/mentions.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { foldText } from "../../../src/core/text/normalize.ts";
import { bundledSnapshot } from "../../support/corpus.ts";

let snapshot: CorpusSnapshot;
let corpus: Corpus;
let keys: string[];
const ctx = () => ({ snapshot, command: "digest", query: "digest" });
beforeAll(async () => {
  snapshot = await bundledSnapshot();
  corpus = snapshot.corpus;
  keys = corpusKeys(snapshot);
});

const digest = (input: DigestInput) => digestAnswer(ctx(), input);

function ok({ reply }: BuiltDigest) {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.answer;
}

const section = (answer: ReturnType<typeof ok>, heading: string) =>
  answer.sections.find((s) => s.heading === heading);

describe("digestAnswer", () => {
  it("introduces the corpus on a channel's first digest and lists the disputed figures", () => {
    const answer = ok(digest({ previousKeys: null, date: "2026-11-22" }));
    expect(answer.summary).toMatch(/^First digest/);
    expect(section(answer, "New articles")?.items).toHaveLength(5);
    const disputed = section(answer, "Disputed figures");
    expect(disputed?.items.some((i) => i.text.includes("dozens") && i.disputed)).toBe(true);
  });

  it("says briefly that nothing is new when the corpus has not changed", () => {
    const answer = ok(digest({ previousKeys: new Set(keys), date: "2026-11-22" }));
    expect(answer.summary).toMatch(/^Nothing new/);
    expect(answer.sections).toEqual([]);
  });

  it("reports exactly what was added since the last digest", () => {
    const crocusValues = (corpus.figureById.get("crocus-killed")?.values ?? []).map((v) => v.id);
    const before = keys.filter(
      (k) =>
        !crocusValues.some((id) => k.startsWith(`statement:${id}:`)) &&
        k !== "article:taz-three-weeks-after",
    );
    const answer = ok(digest({ previousKeys: new Set(before), date: "2026-11-22" }));
    expect(answer.summary).toMatch(
      /1 new article, 0 new attacks or plots, 0 new events, 4 new statements/,
    );
    expect(section(answer, "New articles")?.items[0]?.text).toMatch(/^taz/);
    expect(section(answer, "New")?.items.map((i) => i.text)).toEqual(
      corpus.figureById
        .get("crocus-killed")
        ?.values.map((v) => `People killed in the Crocus City Hall attack: ${v.text}`),
    );
  });

  it("reports a statement whose content changed as revised, not as new", () => {
    const [reworded] = corpus.actors.flatMap((a) => a.facts);
    const before = keys.map((k) =>
      k.startsWith(`statement:${reworded?.id}:`) ? `statement:${reworded?.id}:0ld` : k,
    );
    const answer = ok(digest({ previousKeys: new Set(before), date: "2026-11-22" }));
    expect(section(answer, "Revised")?.items.map((i) => i.text)).toEqual([reworded?.text]);
    expect(section(answer, "New")).toBeUndefined();
  });

  it("corrects, first and once, what it showed that was since revised or withdrawn", () => {
    const value = corpus.figureById.get("crocus-killed")?.values[0];
    const shown = {
      [value?.id as string]: { fingerprint: "0ld", text: "People killed: 140" },
      "a-withdrawn-fact": { fingerprint: "f", text: "A claim since withdrawn" },
    };
    expect(staleShown(snapshot, shown)).toEqual([value?.id, "a-withdrawn-fact"].sort());
    const built = digest({ previousKeys: new Set(keys), shown, date: "2026-11-22" });
    const answer = ok(built);
    expect(answer.sections[0]?.heading).toBe("Corrections");
    expect(answer.sections[0]?.items.map((i) => i.text)).toEqual([
      `Withdrawn: "A claim since withdrawn" is no longer in the corpus`,
      `Corrected: "People killed: 140" now reads "People killed in the Crocus City Hall attack: ${value?.text}"`,
    ]);
    expect(answer.summary).toMatch(/^2 corrections to earlier digests/);

    const after = rememberShown(shown, built);
    expect(Object.keys(after)).not.toContain("a-withdrawn-fact");
    expect(staleShown(snapshot, after)).toEqual([]);
    expect(
      ok(digest({ previousKeys: new Set(keys), shown: after, date: "2026-11-22" })).summary,
    ).toMatch(/^Nothing new/);
  });

  it("remembers what it showed, so a later change to it is owed a correction", () => {
    const built = digest({ previousKeys: null, date: "2026-11-22" });
    const disputedIds = corpus.figures
      .filter((g) => snapshot.judgementOf(g).verdict === "conflict")
      .flatMap((g) => g.values.map((v) => v.id));
    expect(Object.keys(rememberShown({}, built))).toEqual(expect.arrayContaining(disputedIds));
  });

  it("marks anniversaries that fall on the slot's date", () => {
    const answer = ok(digest({ previousKeys: new Set(keys), date: "2026-03-22" }));
    expect(section(answer, "On this day")?.items[0]?.text).toBe(
      "2 years ago today: Crocus City Hall attack",
    );
  });

  it("marks a derived date derived on its anniversary and lists new attacks with their dates as shown", () => {
    const answer = ok(digest({ previousKeys: null, date: "2026-03-21" }));
    expect(answer.sections.find((s) => s.heading === "On this day")?.items[0]?.text).toBe(
      "2 years ago today: Kandahar suicide bombing (date derived from “a day before the attack in Moscow”)",
    );
    const before = new Set(
      keys.filter((k) => k !== "attack:kandahar-2024" && k !== "event:amaq-second-statement-2024"),
    );
    const later = ok(digest({ previousKeys: before, date: "2026-03-21" }));
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
    for (const previousKeys of [null, new Set(keys.slice(0, 40))]) {
      const { reply } = digest({ previousKeys, date: "2026-03-22" });
      if (!reply.ok) throw new Error(reply.error.message);
      const shown = new Set(reply.answer.sections.flatMap((s) => s.items.flatMap((i) => i.cites)));
      expect([...shown].sort((a, b) => a - b)).toEqual(reply.citations.map((c) => c.id));
    }
  });

  it("keeps to the channel's topic", () => {
    const all = ok(digest({ previousKeys: null, date: "2026-11-22" }));
    const topical = ok(digest({ topic: "tajikistan", previousKeys: null, date: "2026-11-22" }));
    const count = (a: typeof all) => section(a, "Disputed figures")?.items.length ?? 0;
    expect(topical.title).toContain("Tajikistan");
    expect(count(topical)).toBeLessThan(count(all));
  });

  it("lists, for a word topic, the new articles whose text or title has the words, each time", () => {
    const named = new Set(articlesNaming(corpus, snapshot.search, ["migrants"]));
    for (const a of corpus.articles) if (foldText(a.title).includes("migrants")) named.add(a.id);
    expect(named.size).toBeGreaterThan(0);
    expect(named.size).toBeLessThan(corpus.articles.length);
    const listed = () => {
      const answer = ok(digest({ topic: "migrants", previousKeys: null, date: "2026-11-22" }));
      return section(answer, "New articles")?.items.length;
    };
    expect(listed()).toBe(named.size);
    expect(listed()).toBe(named.size);
  });
});
