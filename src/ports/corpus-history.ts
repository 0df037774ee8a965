import type { Code } from "../core/codes.ts";
import type { Corpus } from "../core/corpus/types.ts";
import type { Release } from "../core/release.ts";
import { type Failure, fail, ok, type Result } from "../core/result.ts";

export type HistoryFailure = Failure<Code>;

/** The published versions behind the current one: what `changes` compares with. */
export interface CorpusHistory {
  /** Every published version, oldest first. */
  releases(): Promise<Result<Release[], HistoryFailure>>;
  /** The validated corpus of one published version. */
  corpusAt(seq: number): Promise<Result<Corpus, HistoryFailure>>;
}

/** A history held in memory, for fast tests of what reads it. */
export function memoryCorpusHistory(
  versions: readonly { release: Release; corpus: Corpus }[],
): CorpusHistory {
  return {
    releases: async () => ok(versions.map((v) => v.release)),
    async corpusAt(seq) {
      const found = versions.find((v) => v.release.seq === seq);
      return found
        ? ok(found.corpus)
        : fail({ code: "reply.not_found", message: `no published version ${seq}` });
    },
  };
}
