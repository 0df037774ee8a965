import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPublishedCorpus } from "../../src/core/corpus/validate.ts";
import { memoryCorpusHistory } from "../../src/ports/corpus-history.ts";
import type { CorpusStore } from "../../src/ports/corpus-store.ts";
import { memoryCorpusStore } from "../../src/ports/memory-corpus-store.ts";
import { directoryCorpusStore } from "../../src/store/directory-store.ts";
import { storeHistory } from "../../src/store/history.ts";
import { testDrafts } from "../support/drafts.ts";
import { corpusHistoryContract, type Published } from "./corpus-history.contract.ts";

corpusHistoryContract("memoryCorpusHistory", async (published) =>
  memoryCorpusHistory(
    published.map(({ draft, by, note }, i) => {
      const corpus = loadPublishedCorpus(draft.content.files);
      if (!corpus.ok) throw new Error("a test draft does not load");
      const publishedAt = new Date(Date.UTC(2026, 0, 1, i)).toISOString();
      return { release: { seq: i + 1, publishedAt, by, note }, corpus: corpus.value };
    }),
  ),
);

async function publishAll(store: CorpusStore, published: readonly Published[]) {
  for (const { draft, by, note } of published) {
    const done = await store.publish(draft, { parent: "current", by, note });
    if (!done.ok) throw new Error(done.error.message);
  }
  return store;
}

corpusHistoryContract("storeHistory on the memory store", async (published) =>
  storeHistory(await publishAll(memoryCorpusStore(), published)),
);

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});
const directory = async () => {
  const dir = await mkdtemp(join(tmpdir(), "factdesk-history-"));
  temps.push(dir);
  return directoryCorpusStore(dir);
};

corpusHistoryContract("storeHistory on the directory store", async (published) =>
  storeHistory(await publishAll(await directory(), published)),
);

describe("storeHistory", () => {
  it("refuses a stored version whose files no longer load, naming it", async () => {
    const { first } = await testDrafts();
    const store = await directory();
    await publishAll(store, [{ draft: first, by: "ana", note: "" }]);
    const root = temps.at(-1) as string;
    const [version] = await readdir(join(root, "versions"));
    const files = join(root, "versions", version as string, "files.json");
    await writeFile(files, JSON.stringify({ json: { "articles.json": "[" }, texts: {} }));
    const read = await storeHistory(store).corpusAt(1);
    expect(read).toMatchObject({ ok: false, error: { code: "store.invalid" } });
    if (!read.ok) expect(read.error.message).toMatch(/version 1/);
  });
});
