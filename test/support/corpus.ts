import type { Corpus } from "../../src/core/corpus/types.ts";
import { buildSnapshot, type CorpusSnapshot } from "../../src/core/snapshot.ts";
import { BUNDLED_DATA_DIR } from "../../src/corpus/files.ts";
import { openDataDir } from "../../src/corpus/open.ts";

let cached: Promise<CorpusSnapshot> | undefined;

/** The bundled corpus's snapshot, loaded and validated once per test file. */
export function bundledSnapshot(): Promise<CorpusSnapshot> {
  cached ??= openDataDir(BUNDLED_DATA_DIR, null).then((result) => {
    if (!result.ok) throw new Error(`bundled corpus is invalid: ${result.error[0]?.message}`);
    return result.value;
  });
  return cached;
}

/** The bundled corpus itself. */
export async function bundledCorpus(): Promise<Corpus> {
  return (await bundledSnapshot()).corpus;
}

/** The snapshot as published version `seq`: what a button made from it remembers. */
export function publishedAs(base: CorpusSnapshot, seq: number): CorpusSnapshot {
  return buildSnapshot(
    base.corpus,
    { search: base.search },
    { seq, publishedAt: "2026-12-02T03:40:00.000Z", by: "ana", note: "" },
  );
}
