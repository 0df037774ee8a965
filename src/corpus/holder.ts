import type { CorpusSnapshot } from "../core/snapshot.ts";

/**
 * Hands out the current corpus snapshot. A request reads it once and answers from that value
 * throughout, so a new version arriving mid-request never mixes two versions in one answer.
 */
export interface SnapshotHolder {
  current(): CorpusSnapshot;
  /** Makes `next` the snapshot every later request reads. */
  replace(next: CorpusSnapshot): void;
}

export function snapshotHolder(initial: CorpusSnapshot): SnapshotHolder {
  let snapshot = initial;
  return {
    current: () => snapshot,
    replace(next) {
      snapshot = next;
    },
  };
}
