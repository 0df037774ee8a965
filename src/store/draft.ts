import type { CorpusProblem } from "../core/corpus/problem.ts";
import type { RawCorpusFiles } from "../core/corpus/types.ts";
import { type CorpusStats, validateCorpus } from "../core/corpus/validate.ts";
import { buildPrebuilt, encodePrebuilt } from "../core/prebuilt.ts";
import { ok, type Result } from "../core/result.ts";
import type { Draft } from "../ports/corpus-store.ts";

/**
 * Runs every corpus check on the files and builds their indexes: the one place a version
 * is checked, so every process that later loads it only verifies its hash.
 */
export function prepareDraft(
  files: RawCorpusFiles,
): Result<{ draft: Draft; stats: CorpusStats }, CorpusProblem[]> {
  const checked = validateCorpus(files);
  if (!checked.ok) return checked;
  const { corpus, stats } = checked.value;
  const index = encodePrebuilt(buildPrebuilt(corpus));
  return ok({ draft: { hash: corpus.version, content: { files, index } }, stats });
}
