import { describe, expect, it } from "vitest";
import { parseVersionInfo, STORE_FORMAT } from "../../src/ports/corpus-store.ts";
import { type MemoryBacking, memoryCorpusStore } from "../../src/ports/memory-corpus-store.ts";
import { corpusStoreContract } from "./corpus-store.contract.ts";

corpusStoreContract("memory", async () => {
  const backing: MemoryBacking = { versions: [], checks: new Set() };
  return async (options) => memoryCorpusStore(backing, options);
});

describe("parseVersionInfo", () => {
  const info = {
    seq: 1,
    hash: "4f03238f8846",
    parent: null,
    publishedAt: "2026-01-01T00:00:00.000Z",
    by: "ana",
    note: "",
    format: STORE_FORMAT,
  };

  it("reads a record in this format, and names one in a newer or older format as such", () => {
    expect(parseVersionInfo(info)).toEqual({ ok: true, value: info });
    expect(parseVersionInfo({ format: STORE_FORMAT + 1, shape: "new" })).toMatchObject({
      ok: false,
      error: { code: "store.newer_format" },
    });
    expect(parseVersionInfo({ ...info, format: 0 })).toMatchObject({
      ok: false,
      error: { code: "store.older_format" },
    });
    expect(parseVersionInfo({ ...info, hash: "not a hash" })).toMatchObject({
      ok: false,
      error: { code: "store.invalid" },
    });
  });
});
