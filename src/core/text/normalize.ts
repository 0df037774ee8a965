// Folding for name look-ups: "ISIS-K", "isis k" and "Isis‑K" must meet, as must "Rahmon" and
// "Rakhmon", "Krokus" and "Crocus".
const TRANSLITERATIONS: ReadonlyArray<[RegExp, string]> = [
  [/dsch/g, "j"],
  [/sch/g, "sh"],
  [/kh/g, "h"],
  [/ck/g, "k"],
  [/c(?![eiy])/g, "k"],
  [/q/g, "k"],
  [/ph/g, "f"],
  [/w/g, "v"],
  [/ou/g, "u"],
  [/y/g, "i"],
  [/(.)\1+/g, "$1"],
];

/** Lower case, no diacritics, punctuation and hyphens as spaces, single-spaced. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** foldText plus common transliteration variants collapsed, for matching names. */
export function nameKey(text: string): string {
  let key = foldText(text);
  for (const [pattern, replacement] of TRANSLITERATIONS) key = key.replace(pattern, replacement);
  return key;
}

/** nameKey without spaces, so "isis k", "isisk" and "ISIS-K" agree. */
export function compactKey(text: string): string {
  return nameKey(text).replace(/ /g, "");
}
