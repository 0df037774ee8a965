import type { FigureGroup, FigureValue, FuzzyDate } from "../corpus/schema.ts";

function amountKey(v: FigureValue): string {
  return [v.value, v.low, v.high, v.qualifier?.toLowerCase().trim() ?? ""].join("|");
}

/** Whether two values speak of the same moment; an undated value is taken to be the same one. */
export function sameTime(a: FuzzyDate | undefined, b: FuzzyDate | undefined): boolean {
  // Values dated to different moments do not contradict each other; a year contains its months.
  if (a === undefined || b === undefined) return true;
  return a.value.startsWith(b.value) || b.value.startsWith(a.value);
}

/**
 * Two sources disagree when they state different amounts (number, range or qualifier) for the
 * same moment. "137" against "at least 130" counts: the newsroom wants to see both.
 */
export function isDisputed(group: FigureGroup): boolean {
  const { values } = group;
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i] as FigureValue;
      const b = values[j] as FigureValue;
      if (amountKey(a) !== amountKey(b) && sameTime(a.asOf, b.asOf)) return true;
    }
  }
  return false;
}

/** The lowest and highest number any source states; null when none states a number. */
export function figureSpan(group: FigureGroup): { low: number; high: number } | null {
  const numbers = group.values.flatMap((v) =>
    [v.value, v.low, v.high].filter((n): n is number => n !== undefined),
  );
  if (numbers.length === 0) return null;
  return { low: Math.min(...numbers), high: Math.max(...numbers) };
}
