import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { directoryCorpusStore } from "../../src/store/directory-store.ts";
import { corpusStoreContract } from "../ports/corpus-store.contract.ts";

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

corpusStoreContract("directory", async () => {
  const root = join(await mkdtemp(join(tmpdir(), "factdesk-store-")), "store");
  temps.push(root);
  return async (options) => directoryCorpusStore(root, options);
});
