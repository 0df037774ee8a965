import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { answerText } from "../../src/commands/dispatch.ts";
import { BUNDLED_DATA_DIR } from "../../src/corpus/files.ts";
import { openCorpus } from "../../src/corpus/open.ts";

describe("openCorpus", () => {
  const temps: string[] = [];
  afterAll(async () => {
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it("saves the search index for the corpus version and answers the same from it", async () => {
    const cache = await mkdtemp(join(tmpdir(), "factdesk-index-"));
    temps.push(cache);
    const first = await openCorpus(BUNDLED_DATA_DIR, { indexCacheDir: cache });
    if (!first.ok) throw new Error("bundled corpus failed");
    expect(await readdir(cache)).toEqual([`search-${first.corpus.version}.bin`]);
    const second = await openCorpus(BUNDLED_DATA_DIR, { indexCacheDir: cache });
    if (!second.ok) throw new Error("bundled corpus failed");
    for (const q of ["search tajik diaspora", "search amaq", "actor iskp"]) {
      expect(answerText(second.corpus, q)).toEqual(answerText(first.corpus, q));
    }
  });

  it("refuses a broken corpus before building anything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "factdesk-broken-"));
    temps.push(dir);
    await cp(BUNDLED_DATA_DIR, dir, {
      recursive: true,
      filter: (src) => !src.endsWith("figures.json") && !src.includes(".index"),
    });
    const result = await openCorpus(dir);
    if (result.ok) throw new Error("a corpus without figures.json must fail");
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "file-unreadable", file: "figures.json" }),
    );
    expect(await readdir(dir)).not.toContain(".index");
  });
});
