/**
 * A set of amounts as one interval of the real line: what a statement allows. Ends may be open
 * ("more than 130") or unbounded (±Infinity).
 */
export interface Amounts {
  low: number;
  high: number;
  lowIn: boolean;
  highIn: boolean;
}

export const exactly = (n: number): Amounts => ({ low: n, high: n, lowIn: true, highIn: true });

export function isEmpty(a: Amounts): boolean {
  return a.low > a.high || (a.low === a.high && !(a.lowIn && a.highIn));
}

/** The amounts both sets allow; null when none. */
export function intersect(a: Amounts, b: Amounts): Amounts | null {
  const low = Math.max(a.low, b.low);
  const high = Math.min(a.high, b.high);
  const lowIn = (a.low !== low || a.lowIn) && (b.low !== low || b.lowIn);
  const highIn = (a.high !== high || a.highIn) && (b.high !== high || b.highIn);
  const both = { low, high, lowIn, highIn };
  return isEmpty(both) ? null : both;
}

/** The amounts every set allows; null when no single amount satisfies them all. */
export function intersectAll(sets: readonly Amounts[]): Amounts | null {
  let common: Amounts | null = { low: -Infinity, high: Infinity, lowIn: false, highIn: false };
  for (const s of sets) common = common && intersect(common, s);
  return common;
}

export function sameAmounts(a: Amounts, b: Amounts): boolean {
  return a.low === b.low && a.high === b.high && a.lowIn === b.lowIn && a.highIn === b.highIn;
}
