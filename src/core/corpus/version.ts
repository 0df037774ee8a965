import { createHash } from "node:crypto";

/** JSON with every object's keys sorted, so the same content always serialises the same way. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The corpus version: a hash of its validated content, not of the files' bytes, so reformatting a
 * JSON file keeps it. Each raw text enters through its article's sha256, which the check has
 * verified against the text.
 */
export function corpusVersion(content: Record<string, unknown>): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, 12);
}
