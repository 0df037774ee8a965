import { createHash } from "node:crypto";
import { runSteps, type Steps } from "../steps.ts";

const sortedEntries = (v: object) =>
  Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** JSON with every object's keys sorted, so the same content always serialises the same way. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(sortedEntries(v)) : v,
  );
}

/** How many records are serialised between steps: a few milliseconds' work at 10,000 articles. */
const RECORDS_PER_STEP = 50;

/**
 * corpusVersion in steps: the same canonical JSON hashed piece by piece (each top-level list a
 * record at a time), so the hash of a large corpus need not be one long task.
 */
export function* corpusVersionSteps(content: Record<string, unknown>): Steps<string> {
  const hash = createHash("sha256");
  let first = true;
  hash.update("{");
  for (const [key, value] of sortedEntries(content)) {
    if (value === undefined) continue;
    hash.update(`${first ? "" : ","}${JSON.stringify(key)}:`);
    first = false;
    if (!Array.isArray(value)) {
      hash.update(canonicalJson(value));
      continue;
    }
    hash.update("[");
    for (let i = 0; i < value.length; i++) {
      // As JSON.stringify writes an array item it cannot serialise.
      hash.update(`${i > 0 ? "," : ""}${canonicalJson(value[i]) ?? "null"}`);
      if ((i + 1) % RECORDS_PER_STEP === 0) yield;
    }
    hash.update("]");
  }
  hash.update("}");
  return hash.digest("hex").slice(0, 12);
}

/**
 * The corpus version: a hash of its validated content, not of the files' bytes, so reformatting a
 * JSON file keeps it. Each raw text enters through its article's sha256, which the check has
 * verified against the text.
 */
export function corpusVersion(content: Record<string, unknown>): string {
  return runSteps(corpusVersionSteps(content));
}
