import type { Corpus, RawCorpusFiles } from "../../src/core/corpus/types.ts";
import { validateCorpus } from "../../src/core/corpus/validate.ts";

export type Json = Record<string, unknown> & { id?: string };

/** A copy of `files` with one JSON file changed by `edit`. */
export function withEdit(
  files: RawCorpusFiles,
  file: keyof RawCorpusFiles["json"],
  edit: (data: Json[]) => void,
): RawCorpusFiles {
  const data = JSON.parse(files.json[file] as string) as Json[];
  edit(data);
  return { ...files, json: { ...files.json, [file]: JSON.stringify(data) } };
}

/** The problems validation finds in `files`; throws if it finds none. */
export function problemsOf(files: RawCorpusFiles) {
  const result = validateCorpus(files);
  if (result.ok) throw new Error("expected the corpus to fail validation");
  return result.error;
}

/** The corpus of files a test edited, which must still pass the check. */
export function validCorpus(files: RawCorpusFiles): Corpus {
  const result = validateCorpus(files);
  if (!result.ok) {
    throw new Error(`edited corpus is invalid: ${JSON.stringify(result.error.slice(0, 2))}`);
  }
  return result.value.corpus;
}

/** The record with `id` in a parsed data file. */
export function record(data: Json[], id: string): Json {
  const found = data.find((r) => r.id === id);
  if (!found) throw new Error(`no record ${id}`);
  return found;
}

/** The fact, relation or perpetrator entry with stable id `id` inside parsed records. */
export function statement(data: Json[], id: string): Json {
  for (const r of data) {
    if (r.id === id) return r;
    for (const list of [r.facts, r.perpetrators]) {
      const found = (list as Json[] | undefined)?.find((s) => s.id === id);
      if (found) return found;
    }
  }
  throw new Error(`no statement ${id}`);
}
