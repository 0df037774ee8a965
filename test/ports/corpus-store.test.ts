import { type MemoryBacking, memoryCorpusStore } from "../../src/ports/memory-corpus-store.ts";
import { corpusStoreContract } from "./corpus-store.contract.ts";

corpusStoreContract("memory", async () => {
  const backing: MemoryBacking = { versions: [], checks: new Set() };
  return async (options) => memoryCorpusStore(backing, options);
});
