import { describe, expect, it } from "vitest";
import { mergeDraft } from "../../src/desk/merge.ts";
import { type DraftFiles, recordOf, withRecord } from "../../src/desk/records.ts";

const base: DraftFiles = {
  json: {
    "actors.json": JSON.stringify([
      { id: "a", summary: "A" },
      { id: "b", summary: "B" },
      { id: "c", summary: "C" },
    ]),
    "hedges.json": "[]",
  },
  texts: { one: "raw one" },
};
const change = (files: DraftFiles, id: string, summary: string | null) =>
  withRecord(files, "actors", id, summary === null ? null : { id, summary });

describe("bringing a draft up to date", () => {
  it("takes what only one side changed, and keeps what both changed alike", () => {
    const draft = change(change(base, "a", "A by the draft"), "c", "C alike");
    const published = change(change(base, "b", "B published"), "c", "C alike");
    const { files, conflicts } = mergeDraft(
      base,
      { ...draft, texts: { ...draft.texts, two: "raw two" } },
      published,
    );
    expect(conflicts).toEqual([]);
    expect(recordOf(files, "actors", "a")?.summary).toBe("A by the draft");
    expect(recordOf(files, "actors", "b")?.summary).toBe("B published");
    expect(recordOf(files, "actors", "c")?.summary).toBe("C alike");
    expect(files.texts).toEqual({ one: "raw one", two: "raw two" });
  });

  it("names a record both changed differently, keeping the draft's", () => {
    const draft = change(base, "a", "mine");
    const published = change(base, "a", "theirs");
    const { files, conflicts } = mergeDraft(base, draft, published);
    expect(conflicts).toEqual([
      {
        key: "actors/a",
        base: { id: "a", summary: "A" },
        draft: { id: "a", summary: "mine" },
        published: { id: "a", summary: "theirs" },
      },
    ]);
    expect(recordOf(files, "actors", "a")?.summary).toBe("mine");
  });

  it("withdraws what the draft withdrew, and conflicts when the other side revised it", () => {
    const { files, conflicts } = mergeDraft(
      base,
      change(base, "b", null),
      change(base, "b", "revised"),
    );
    expect(recordOf(files, "actors", "b")).toBeNull();
    expect(conflicts.map((c) => c.key)).toEqual(["actors/b"]);
    const quiet = mergeDraft(base, change(base, "b", null), change(base, "a", "other"));
    expect(quiet.conflicts).toEqual([]);
    expect(recordOf(quiet.files, "actors", "b")).toBeNull();
    expect(recordOf(quiet.files, "actors", "a")?.summary).toBe("other");
  });
});
