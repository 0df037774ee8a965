import type { QualifierMeaning, QualifierTable } from "../corpus/schema.ts";

// Reads the numbers a statement states, as a reader would: digits ("6,500", "1.3 million",
// "174 thousand"), words ("eight", "one hundred", "twenty-nine", "third") and ranges ("1.5 to
// 2.5 million", "2,500-3,500", "between 2017 and 2019").

/** One stated number (low = high) or range. */
export interface Stated {
  low: number;
  high: number;
}

const SMALL = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ORDINALS = ["first", "second", "third", "fourth", "fifth"];
const ORDINALS_ON = ["sixth", "seventh", "eighth", "ninth", "tenth"];
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

const WORD_VALUES = new Map<string, number>([
  ...SMALL.map((w, i) => [w, i] as const),
  ...TENS.map((w, i) => [w, (i + 2) * 10] as const),
  ...[...ORDINALS, ...ORDINALS_ON].map((w, i) => [w, i + 1] as const),
]);

const TOKEN = /\d+(?:,\d{3})*(?:\.\d+)?|\p{L}+|[-–]/gu;

/** Scaling keeps "1.3 million" exact: 1.3 * 1e6 is not always 1300000 in binary. */
const scaled = (n: number, scale: number) => Number((n * scale).toPrecision(12));

interface Read {
  value: number;
  /** The scale word that followed digits ("million"), else 1. */
  scale: number;
  next: number;
}

/** The number starting at token `i` ("1.3 million", "one hundred"), or null. */
function numberAt(tokens: readonly string[], i: number): Read | null {
  const first = tokens[i];
  if (first === undefined) return null;
  if (/^\d/.test(first)) {
    const n = Number(first.replaceAll(",", ""));
    const scale = SCALES[tokens[i + 1]?.toLowerCase() ?? ""];
    return scale
      ? { value: scaled(n, scale), scale, next: i + 2 }
      : { value: n, scale: 1, next: i + 1 };
  }
  let total = 0;
  let current = 0;
  let j = i;
  let any = false;
  for (; j < tokens.length; j++) {
    const word = tokens[j]?.toLowerCase() ?? "";
    const small = WORD_VALUES.get(word);
    if (small !== undefined) current += small;
    else if (word === "hundred" && any) current *= 100;
    else if (SCALES[word] && any) {
      total += current * (SCALES[word] as number);
      current = 0;
    } else if (word === "-" && any && WORD_VALUES.has(tokens[j + 1]?.toLowerCase() ?? "")) {
      continue;
    } else break;
    any = true;
  }
  return any ? { value: total + current, scale: 1, next: j } : null;
}

/** One stated number or range and where it stands in the text (UTF-16 offsets, end exclusive). */
export interface StatedAt extends Stated {
  start: number;
  end: number;
}

/** Every number and range the text states, in order, with where each is written. */
export function statedNumbersAt(text: string): StatedAt[] {
  const matches = [...text.matchAll(TOKEN)];
  const tokens = matches.map((m) => m[0]);
  const startOf = (i: number) => matches[i]?.index ?? text.length;
  const endOf = (next: number) => startOf(next - 1) + (tokens[next - 1]?.length ?? 0);
  const out: StatedAt[] = [];
  for (let i = 0; i < tokens.length; ) {
    const between = tokens[i]?.toLowerCase() === "between";
    const a = numberAt(tokens, between ? i + 1 : i);
    if (!a) {
      i++;
      continue;
    }
    const joiner = tokens[a.next]?.toLowerCase() ?? "";
    const b =
      (between ? joiner === "and" : ["-", "–", "to"].includes(joiner)) &&
      numberAt(tokens, a.next + 1);
    if (b) {
      // "1.5 to 2.5 million": the scale written once applies to both ends.
      const low = a.scale === 1 ? scaled(a.value, b.scale) : a.value;
      out.push({ low, high: b.value, start: startOf(i), end: endOf(b.next) });
      i = b.next;
    } else {
      out.push({ low: a.value, high: a.value, start: startOf(i), end: endOf(a.next) });
      i = a.next;
    }
  }
  return out;
}

/** Every number and range the text states, in order. */
export function statedNumbers(text: string): Stated[] {
  return statedNumbersAt(text).map(({ low, high }) => ({ low, high }));
}

/** What a qualifier means, by its words in the table ("At least" reads as "at least"). */
export function qualifierMeaning(
  table: QualifierTable,
  qualifier: string,
): QualifierMeaning | undefined {
  const word = qualifier.trim().toLowerCase();
  return table.find((row) => row.words.includes(word));
}
