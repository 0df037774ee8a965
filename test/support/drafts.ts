import type { RawCorpusFiles } from "../../src/core/corpus/types.ts";
import { readCorpusFiles } from "../../src/corpus/files.ts";
import type { Draft } from "../../src/ports/corpus-store.ts";
import { prepareDraft } from "../../src/store/draft.ts";

/** The bundled files with the first attack's summary reworded: valid, and a different version. */
export function reworded(files: RawCorpusFiles, words = "Reworded by an editor."): RawCorpusFiles {
  const attacks = JSON.parse(files.json["attacks.json"] as string) as Array<{ summary: string }>;
  (attacks[0] as { summary: string }).summary = words;
  return { ...files, json: { ...files.json, "attacks.json": JSON.stringify(attacks, null, 2) } };
}

function draftOf(files: RawCorpusFiles): Draft {
  const prepared = prepareDraft(files);
  if (!prepared.ok) throw new Error(prepared.error[0]?.message);
  return prepared.value.draft;
}

let cached: Promise<{ first: Draft; second: Draft; third: Draft }> | undefined;

/** Three checked drafts of different content, built once per test file. */
export function testDrafts(): Promise<{ first: Draft; second: Draft; third: Draft }> {
  cached ??= readCorpusFiles().then((files) => ({
    first: draftOf(files),
    second: draftOf(reworded(files)),
    third: draftOf(reworded(files, "Reworded again.")),
  }));
  return cached;
}
