import { distance } from "fastest-levenshtein";

/**
 * The candidates closest to a misspelt query, best first. A candidate qualifies when its edit
 * distance is small relative to its length (a third, at least 1), so "talibn" finds "taliban"
 * but "xyz" finds nothing.
 */
export function closest<T>(
  query: string,
  candidates: readonly T[],
  keyOf: (c: T) => readonly string[],
  limit = 3,
): T[] {
  const scored: Array<{ candidate: T; score: number }> = [];
  for (const candidate of candidates) {
    let best = Number.POSITIVE_INFINITY;
    for (const key of keyOf(candidate)) {
      const d = distance(query, key);
      const allowed = Math.max(1, Math.floor(Math.max(query.length, key.length) / 3));
      if (d <= allowed) best = Math.min(best, d / Math.max(query.length, key.length, 1));
    }
    if (best < Number.POSITIVE_INFINITY) scored.push({ candidate, score: best });
  }
  scored.sort((a, b) => a.score - b.score);
  return scored.slice(0, limit).map((s) => s.candidate);
}
