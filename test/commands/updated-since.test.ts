import { beforeAll, describe, expect, it } from "vitest";
import type { Responder } from "../../src/commands/responder.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { type SnapshotHolder, snapshotHolder } from "../../src/corpus/holder.ts";
import { bundledSnapshot, publishedAs } from "../support/corpus.ts";
import { testCaller, testResponderOn } from "../support/responder.ts";

describe("a button made from an older version", () => {
  let base: CorpusSnapshot;
  let holder: SnapshotHolder;
  let responder: Responder;
  beforeAll(async () => {
    base = await bundledSnapshot();
  });
  const fresh = () => {
    holder = snapshotHolder(publishedAs(base, 1));
    responder = testResponderOn(holder);
  };
  const caller = testCaller();

  it("answers from the version served now and says it was updated since", async () => {
    fresh();
    const first = await responder.answer({ caller, input: { text: "attack crocus" } });
    expect(first.seq).toBe(1);
    holder.replace(publishedAs(base, 2));
    const clicked = await responder.answer({
      caller,
      input: { text: "more attack crocus" },
      via: "button",
      madeFrom: first.seq ?? 0,
    });
    expect(clicked.seq).toBe(2);
    if (!clicked.reply.ok) throw new Error(clicked.reply.error.message);
    expect(clicked.reply.corpusLabel).toMatch(/^corpus v2 /);
    expect(clicked.reply.answer.fields[0]).toMatchObject({
      label: "Updated since",
      value: "corpus v1 → corpus v2 · published 2 Dec 2026, 03:40 UTC",
    });
  });

  it("says nothing when the version is the one the button was made from", async () => {
    fresh();
    const clicked = await responder.answer({
      caller,
      input: { text: "attack crocus" },
      via: "button",
      madeFrom: 1,
    });
    if (!clicked.reply.ok) throw new Error(clicked.reply.error.message);
    expect(clicked.reply.answer.fields.map((f) => f.label)).not.toContain("Updated since");
  });

  it("notes it before an error's message too", async () => {
    fresh();
    holder.replace(publishedAs(base, 3));
    const clicked = await responder.answer({
      caller,
      input: { text: "actor zzzzzz" },
      via: "button",
      madeFrom: 1,
    });
    expect(clicked.reply.error?.message).toMatch(/^corpus v1 → corpus v3 · published .*\. /s);
  });

  it("a bare 'more' remembers the version of the answer it expands", async () => {
    fresh();
    const short = await responder.answer({ caller, input: { text: "actor iskp" } });
    expect(short.reply.more).not.toBeNull();
    holder.replace(publishedAs(base, 2));
    const more = await responder.answer({ caller, input: { text: "more" } });
    if (!more.reply.ok) throw new Error(more.reply.error.message);
    expect(more.reply.answer.fields[0]).toMatchObject({ label: "Updated since" });
    expect(more.reply.answer.fields[0]?.value).toMatch(/^corpus v1 → corpus v2 /);
  });
});
