import type { Corpus, RawCorpusFiles } from "../../src/core/corpus/types.ts";
import { validateCorpus } from "../../src/core/corpus/validate.ts";
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

export type Json = Record<string, unknown> & { id?: string };

/** A copy of corpus files with one JSON file changed by `edit`. */
export function withEdit(
  files: RawCorpusFiles,
  file: keyof RawCorpusFiles["json"],
  edit: (data: Json[]) => void,
): RawCorpusFiles {
  const data = JSON.parse(files.json[file] as string) as Json[];
  edit(data);
  return { ...files, json: { ...files.json, [file]: JSON.stringify(data) } };
}

/** The corpus of files a test edited, which must still pass the check. */
export function validCorpus(files: RawCorpusFiles): Corpus {
  const result = validateCorpus(files);
  if (!result.ok)
    throw new Error(`edited corpus is invalid: ${JSON.stringify(result.error.slice(0, 2))}`);
  return result.value.corpus;
}
