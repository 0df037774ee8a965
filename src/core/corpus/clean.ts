import { fail, ok, type Result } from "../result.ts";
import type { Removal } from "./schema.ts";

/** Which removal no longer matches the raw text, and how. */
export interface CleaningFailure {
  removal: number;
  message: string;
}

/**
 * Derives the cleaned body from the raw text: applies each recorded removal, then collapses the
 * blank lines the removals leave behind. A removal that no longer matches is an error, so the
 * audit trail cannot silently drift from the text.
 */
export function cleanText(
  raw: string,
  removals: readonly Removal[],
): Result<string, CleaningFailure> {
  let text = raw.replace(/\r\n?/g, "\n");
  for (const [i, removal] of removals.entries()) {
    if (removal.kind === "exact") {
      const at = text.indexOf(removal.text);
      if (at < 0)
        return fail({ removal: i, message: `text to remove not found: "${removal.text}"` });
      text = text.slice(0, at) + text.slice(at + removal.text.length);
    } else {
      const at = text.indexOf(removal.from);
      if (at < 0) return fail({ removal: i, message: `tail start not found: "${removal.from}"` });
      text = text.slice(0, at);
    }
  }
  const body = text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return ok(`${body}\n`);
}
