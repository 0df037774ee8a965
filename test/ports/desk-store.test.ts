import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { memoryDeskStore } from "../../src/ports/memory-desk-store.ts";
import { directoryDeskStore } from "../../src/store/desk-directory.ts";
import { deskStoreContract } from "./desk-store.contract.ts";

deskStoreContract("memory", async () => {
  const store = memoryDeskStore();
  // One backing store, so every handle is the same twin; closing it is a no-op.
  return async () => store;
});

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
deskStoreContract("directory", async () => {
  const dir = await mkdtemp(join(tmpdir(), "factdesk-desk-"));
  dirs.push(dir);
  return async () => directoryDeskStore(dir);
});
