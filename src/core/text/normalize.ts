// Folding for name look-ups: "ISIS-K", "isis k" and "Isis‑K" must meet, as must "Rahmon" and
// "Rakhmon", "Krokus" and "Crocus", "Tadzhikistan" and "Tajikistan", "Gafari" and "Ghafari".
const TRANSLITERATIONS: ReadonlyArray<[RegExp, string]> = [
  [/dsch/g, "j"],
  [/dzh/g, "j"],
  [/gh/g, "g"],
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

/** Lower case, each letter of another script spelt as `letters` says ("р" as "r"). */
export function spellLetters(text: string, letters: Readonly<Record<string, string>>): string {
  let out = "";
  for (const ch of text.toLowerCase()) out += letters[ch] ?? ch;
  return out;
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
