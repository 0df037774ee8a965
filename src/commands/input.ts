import { z } from "zod";

/** Longest command text accepted; past it nothing is looked up. */
export const MAX_INPUT_LENGTH = 500;

// Control and invisible format characters (bidi overrides, zero-width joiners) are never
// meaningful in a query and can disguise text, so they go; tabs and newlines become spaces.
const CONTROL = /[\p{Cc}\p{Cf}]/gu;

export function sanitizeInput(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\t\n\r\v\f]/g, " ")
    .replace(CONTROL, "")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** A free-text option (already sanitised by the responder): non-empty, within the length limit. */
export function textOption(what: string) {
  return z
    .string()
    .min(1, `give ${what}`)
    .max(MAX_INPUT_LENGTH, `${what} is too long (${MAX_INPUT_LENGTH} characters at most)`);
}

/** Typed options as the text a user would have typed: "figure crocus death toll". */
export function asTypedText(words: readonly string[], options: Record<string, unknown>): string {
  return sanitizeInput([...words, ...Object.values(options).map(String)].join(" "));
}
