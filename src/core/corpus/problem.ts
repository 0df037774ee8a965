import type { Code } from "../codes.ts";

/** One thing wrong with the corpus: which file, which record, where in it, and what. */
export interface CorpusProblem {
  code: Code<"corpus">;
  file: string;
  /** The record's id where it has one, else its index. */
  record: string | null;
  path: string;
  message: string;
}

export function formatProblem(p: CorpusProblem): string {
  const where = [p.file, p.record && `record ${p.record}`, p.path && `at ${p.path}`]
    .filter(Boolean)
    .join(", ");
  return `${where}: ${p.message} [${p.code}]`;
}
