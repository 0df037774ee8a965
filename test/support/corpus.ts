import type { Corpus } from "../../src/core/corpus/types.ts";
import { loadCorpus } from "../../src/corpus/files.ts";

let cached: Promise<Corpus> | undefined;

/** The bundled corpus, loaded and validated once per test file. */
export function bundledCorpus(): Promise<Corpus> {
  cached ??= loadCorpus().then((result) => {
    if (!result.ok) throw new Error(`bundled corpus is invalid: ${result.problems[0]?.message}`);
    return result.corpus;
  });
  return cached;
}
