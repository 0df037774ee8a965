import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { directoryCorpusStore } from "../../src/store/directory-store.ts";
import { corpusStoreContract } from "../ports/corpus-store.contract.ts";
import { testDrafts } from "../support/drafts.ts";

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

corpusStoreContract("directory", async () => {
  const root = join(await mkdtemp(join(tmpdir(), "factdesk-store-")), "store");
  temps.push(root);
  return async (options) => directoryCorpusStore(root, options);
});

describe("directory corpus store", () => {
  it("rolls a pointer left behind by a publisher that died after writing its version forward", async () => {
    const root = join(await mkdtemp(join(tmpdir(), "factdesk-store-")), "store");
    temps.push(root);
    const { first, second, third } = await testDrafts();
    const store = directoryCorpusStore(root);
    await store.publish(first, { parent: null, by: "a", note: "" });
    await store.publish(second, { parent: 1, by: "a", note: "" });
    // As if the publisher of v2 died between renaming its directory and replacing the pointer.
    await writeFile(join(root, "current.json"), JSON.stringify({ seq: 1 }));
    expect(await store.current()).toMatchObject({ ok: true, value: { seq: 2 } });
    expect(await store.publish(third, { parent: 2, by: "a", note: "" })).toMatchObject({
      ok: true,
      value: { version: { seq: 3, parent: 2 } },
    });
  });
});
