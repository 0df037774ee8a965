import type { Corpus } from "../../src/core/corpus/types.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
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
