import type { RawCorpusFiles } from "../core/corpus/types.ts";

/**
 * Where the corpus comes from: its files as read, before any check. A data directory today;
 * published versions in a store once the corpus can change while the bot runs.
 */
export interface CorpusSource {
  /** What to call it in logs and errors, e.g. the directory's path. */
  readonly name: string;
  read(): Promise<RawCorpusFiles>;
}

/** A corpus held in memory, for fast tests and for corpora built in code. */
export function memoryCorpusSource(files: RawCorpusFiles, name = "memory"): CorpusSource {
  return { name, read: async () => structuredClone(files) };
}
