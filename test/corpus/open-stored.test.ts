import { beforeAll, describe, expect, it } from "vitest";
import { passageCount } from "../../src/core/search/bm25.ts";
import { openStoredVersion } from "../../src/corpus/open.ts";
import type { Draft, StoredVersion } from "../../src/ports/corpus-store.ts";
import { STORE_FORMAT } from "../../src/ports/corpus-store.ts";
import { reworded, testDrafts } from "../support/drafts.ts";

const stored = (draft: Draft, overrides: Partial<Draft["content"]> = {}): StoredVersion => ({
  seq: 1,
  hash: draft.hash,
  parent: null,
  publishedAt: "2026-01-01T00:00:00.000Z",
  by: "ana",
  note: "",
  format: STORE_FORMAT,
  content: { ...draft.content, ...overrides },
});

describe("openStoredVersion", () => {
  let draft: Draft;
  beforeAll(async () => {
    draft = (await testDrafts()).first;
  });

  it("loads a published version with the index built at publish", () => {
    const opened = openStoredVersion(stored(draft));
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.indexRebuilt).toBe(false);
    expect(opened.value.snapshot.corpus.version).toBe(draft.hash);
    expect(passageCount(opened.value.snapshot.search)).toBeGreaterThan(0);
  });

  it("refuses content that does not hash to the version it was published as", () => {
    const altered = stored(draft, { files: reworded(draft.content.files) });
    expect(openStoredVersion(altered)).toMatchObject({
      ok: false,
      error: { code: "store.hash_mismatch" },
    });
  });

  it("refuses a raw text altered after its hash was recorded", () => {
    const [id, text] = Object.entries(draft.content.files.texts)[0] as [string, string];
    const files = {
      ...draft.content.files,
      texts: { ...draft.content.files.texts, [id]: `${text}!` },
    };
    const opened = openStoredVersion(stored(draft, { files }));
    expect(opened).toMatchObject({ ok: false, error: { code: "store.invalid" } });
    expect(opened.ok || opened.error.message).toContain("[corpus.hash_mismatch]");
  });

  it("rebuilds an index it cannot read, rather than refusing the version", () => {
    const opened = openStoredVersion(stored(draft, { index: new Uint8Array(16) }));
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.indexRebuilt).toBe(true);
    expect(passageCount(opened.value.snapshot.search)).toBeGreaterThan(0);
  });
});
