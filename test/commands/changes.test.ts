import { beforeAll, describe, expect, it } from "vitest";
import type { RawCorpusFiles } from "../../src/core/corpus/types.ts";
import type { Release } from "../../src/core/release.ts";
import type { Reply } from "../../src/core/reply/schema.ts";
import { buildSnapshot, type CorpusSnapshot } from "../../src/core/snapshot.ts";
import { readCorpusFiles } from "../../src/corpus/files.ts";
import { type CorpusHistory, memoryCorpusHistory } from "../../src/ports/corpus-history.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { type Json, validCorpus, withEdit } from "../support/corpus-edit.ts";
import { testCaller, testResponder } from "../support/responder.ts";

const release = (seq: number, publishedAt: string, note: string): Release => ({
  seq,
  publishedAt,
  by: "desk",
  note,
});

let files: RawCorpusFiles;
let current: CorpusSnapshot;
let history: CorpusHistory;
let revisedFact: { id: string; was: string; now: string };

beforeAll(async () => {
  files = await readCorpusFiles();
  const bundled = (await bundledSnapshot()).corpus;
  // v1 worded one fact differently and lacked one relation; v2 is the bundled corpus.
  const fact = bundled.actors[0]?.facts[0];
  revisedFact = { id: fact?.id ?? "", was: "An earlier wording", now: fact?.text ?? "" };
  const v1 = validCorpus(
    withEdit(
      withEdit(files, "actors.json", (actors) => {
        (((actors[0] as Json).facts as Json[])[0] as Json).text = "An earlier wording";
      }),
      "relations.json",
      (relations) => {
        relations.pop();
      },
    ),
  );
  const releases = [
    release(1, "2024-04-10T09:00:00.000Z", "First corpus"),
    release(2, "2024-04-12T14:05:00.000Z", "Reworded a fact, added a relation"),
  ];
  history = memoryCorpusHistory([
    { release: releases[0] as Release, corpus: v1 },
    { release: releases[1] as Release, corpus: bundled },
  ]);
  current = buildSnapshot(bundled, undefined, releases[1]);
});

// "Now" is a day after v2 was published, so "yesterday" is the day v2 came out.
const NOW = Date.parse("2024-04-13T08:00:00.000Z");

async function changes(text: string, h: CorpusHistory | null = history): Promise<Reply> {
  const responder = testResponder(current, null, () => NOW, h);
  return (await responder.answer({ caller: testCaller(), input: { text } })).reply;
}

describe("changes", () => {
  it("lists what the latest publish revised and added, old wording beside new, with its note", async () => {
    const reply = await changes("changes");
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.corpusLabel).toBe("corpus v2 · published 12 Apr 2024, 14:05 UTC");
    expect(reply.answer.summary).toBe(
      "Since corpus v1 · published 10 Apr 2024, 09:00 UTC: 0 new articles, 1 new statement, 1 revised statement, 0 withdrawn statements.",
    );
    const section = (h: string) => reply.answer.sections.find((s) => s.heading === h);
    expect(section("Revised")?.items[0]?.text).toBe(
      `"${revisedFact.was}" now reads "${revisedFact.now}"`,
    );
    expect(section("New")?.items).toHaveLength(1);
    expect(section("Published")?.items[0]?.text).toBe(
      "corpus v2 · published 12 Apr 2024, 14:05 UTC by desk: Reworded a fact, added a relation",
    );
    const cited = new Set(reply.answer.sections.flatMap((s) => s.items.flatMap((i) => i.cites)));
    expect([...cited].sort((a, b) => a - b)).toEqual(reply.citations.map((c) => c.id));
  });

  it("compares with the version asked for, by number or by the day it was current", async () => {
    const byNumber = await changes("changes since v2");
    expect(byNumber.ok && byNumber.answer.summary).toBe(
      "No version has been published since corpus v2 · published 12 Apr 2024, 14:05 UTC.",
    );
    const byDay = await changes("changes since 2024-04-11");
    expect(byDay.ok && byDay.answer.summary).toMatch(/^Since corpus v1 /);
    const beforeAll = await changes("changes since 2024-01-01");
    expect(beforeAll.ok && beforeAll.answer.summary).toMatch(/first published version/);
  });

  it("reads a day as people write it, against today", async () => {
    for (const text of [
      "changes since 11 April 2024",
      "changes since April 11",
      "changes since 2 days ago",
    ]) {
      const reply = await changes(text);
      expect(reply.ok && reply.answer.summary, text).toMatch(/^Since corpus v1 /);
    }
    // v2 was published during yesterday, so the version current when yesterday began is v1.
    const yesterday = await changes("changes since yesterday");
    expect(yesterday.ok && yesterday.answer.summary).toMatch(/^Since corpus v1 /);
  });

  it("answers 'what changed' asked as a question, since the version or day it names", async () => {
    const plain = await changes("what has changed?");
    expect(plain.understood).toEqual({ command: "changes", options: {}, confidence: 1 });
    expect(plain.ok && plain.answer.summary).toMatch(/^Since corpus v1 /);
    expect(plain.ok && plain.answer.fields[0]?.label).toBe("Answered as");
    const since = await changes("What's new since v2?");
    expect(since.understood?.options).toEqual({ since: "v2" });
    expect(since.ok && since.answer.summary).toMatch(
      /^No version has been published since corpus v2/,
    );
    // Words after "since" that name no version or day leave the default comparison.
    const vague = await changes("what changed since the last version?");
    expect(vague.understood?.options).toEqual({});
    expect(vague.ok && vague.answer.summary).toMatch(/^Since corpus v1 /);
    const unpublished = await changes("what changed?", null);
    expect(unpublished).toMatchObject({ ok: false, understood: { command: "changes" } });
    expect(unpublished.error?.message).toMatch(/read from a directory/);
  });

  it("says what it accepts when the version or date makes no sense", async () => {
    for (const [text, message] of [
      ["changes since v9", "There is no published version 9; the current one is v2."],
      ["changes since lunch", `"lunch" is neither a version (v3) nor a date (2024-04-12).`],
    ]) {
      const reply = await changes(text as string);
      expect(reply.ok).toBe(false);
      expect(reply.error).toMatchObject({
        code: "bad_input",
        message,
        usage: "changes [since <version or date>]",
      });
    }
  });

  it("explains that a corpus read from a directory has no history", async () => {
    const reply = await changes("changes", null);
    expect(reply.error?.code).toBe("unavailable");
    expect(reply.error?.message).toMatch(/read from a directory/);
  });
});
