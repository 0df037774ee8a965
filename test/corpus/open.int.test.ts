import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodePrebuilt } from "../../src/core/prebuilt.ts";
import type { Reply } from "../../src/core/reply/schema.ts";
import { buildSearchIndex, passageCount } from "../../src/core/search/bm25.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { BUNDLED_DATA_DIR } from "../../src/corpus/files.ts";
import { openDataDir } from "../../src/corpus/open.ts";
import { testCaller, testResponder } from "../support/responder.ts";

async function ask(snapshot: CorpusSnapshot, text: string): Promise<Reply> {
  return (await testResponder(snapshot).answer({ caller: testCaller(), input: { text } })).reply;
}

async function open(cache: string): Promise<CorpusSnapshot> {
  const opened = await openDataDir(BUNDLED_DATA_DIR, cache);
  if (!opened.ok) throw new Error("bundled corpus failed");
  return opened.value;
}

describe("openDataDir", () => {
  const temps: string[] = [];
  const tempDir = async (name: string) => {
    const dir = await mkdtemp(join(tmpdir(), name));
    temps.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it("saves the indexes for the corpus version, and a later start-up reads them", async () => {
    const cache = await tempDir("factdesk-index-");
    const first = await open(cache);
    const saved = `prebuilt-${first.corpus.version}.bin`;
    expect(await readdir(cache)).toEqual([saved]);
    expect(await ask(first, "search amaq")).toMatchObject({ ok: true });
    // Plant an index with no passages under this version's name: a start-up that reads it finds
    // nothing, which only happens if it used the saved file rather than building its own.
    const { version, articles } = first.corpus;
    const empty = { version, articles: articles.length, byActor: new Map() };
    await writeFile(
      join(cache, saved),
      encodePrebuilt({ search: buildSearchIndex([], []), mentions: empty }),
    );
    const second = await open(cache);
    expect(passageCount(second.search)).toBe(0);
    expect(await ask(second, "search amaq")).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("rebuilds an unreadable saved index and answers the same as without one", async () => {
    const cache = await tempDir("factdesk-index-");
    const fresh = await open(cache);
    await writeFile(join(cache, `prebuilt-${fresh.corpus.version}.bin`), "not an index");
    const rebuilt = await open(cache);
    for (const q of ["search tajik diaspora", "search amaq", "actor iskp"]) {
      expect(await ask(rebuilt, q)).toEqual(await ask(fresh, q));
    }
  });

  it("refuses a broken corpus before building anything", async () => {
    const dir = await tempDir("factdesk-broken-");
    await cp(BUNDLED_DATA_DIR, dir, {
      recursive: true,
      filter: (src) => !src.endsWith("figures.json") && !src.includes(".index"),
    });
    const result = await openDataDir(dir);
    if (result.ok) throw new Error("a corpus without figures.json must fail");
    expect(result.error).toContainEqual(
      expect.objectContaining({ code: "corpus.file_unreadable", file: "figures.json" }),
    );
    expect(await readdir(dir)).not.toContain(".index");
  });
});
