/** A published corpus version as readers see it: its place in the sequence and who published it. */
export interface Release {
  /** 1, 2, 3 … in publish order. */
  seq: number;
  /** ISO 8601. */
  publishedAt: string;
  by: string;
  note: string;
}

const stamp = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "corpus v12 · published 12 Apr 2024, 14:05 UTC"; a corpus never published is named by its hash. */
export function corpusLabel(release: Release | null, hash: string): string {
  if (!release) return `corpus ${hash}`;
  return `corpus v${release.seq} · published ${stamp.format(new Date(release.publishedAt))} UTC`;
}
