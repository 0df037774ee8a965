import { createHash, type Hash } from "node:crypto";
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
 * Where a hash stood after each top-level entry: a later hash of content whose first entries are
 * the very same values (records taken over from an unchanged file) starts from there. At 10,000
 * articles serialising the articles alone took 0.15 s of a swap.
 */
export type VersionTrail = ReadonlyArray<{ key: string; value: unknown; after: Hash }>;

/**
 * corpusVersion in steps: the same canonical JSON hashed piece by piece (each top-level list a
 * record at a time), so the hash of a large corpus need not be one long task. Given the trail
 * of an earlier hash, the entries it shares from the start are not serialised again; `trail`
 * is this hash's, for the next.
 */
export function* corpusVersionSteps(
  content: Record<string, unknown>,
  earlier: VersionTrail = [],
): Steps<{ version: string; trail: VersionTrail }> {
  const entries = sortedEntries(content).filter(([, value]) => value !== undefined);
  let shared = 0;
  while (
    shared < entries.length &&
    earlier[shared]?.key === entries[shared]?.[0] &&
    earlier[shared]?.value === entries[shared]?.[1]
  ) {
    shared++;
  }
  const trail = earlier.slice(0, shared);
  const hash = trail.at(-1)?.after.copy() ?? createHash("sha256").update("{");
  for (const [i, [key, value]] of entries.entries()) {
    if (i < shared) continue;
    hash.update(`${i === 0 ? "" : ","}${JSON.stringify(key)}:`);
    if (Array.isArray(value)) {
      hash.update("[");
      for (let j = 0; j < value.length; j++) {
        // As JSON.stringify writes an array item it cannot serialise.
        hash.update(`${j > 0 ? "," : ""}${canonicalJson(value[j]) ?? "null"}`);
        if ((j + 1) % RECORDS_PER_STEP === 0) yield;
      }
      hash.update("]");
    } else {
      hash.update(canonicalJson(value));
    }
    trail.push({ key, value, after: hash.copy() });
  }
  return { version: hash.update("}").digest("hex").slice(0, 12), trail };
}

/**
 * The corpus version: a hash of its validated content, not of the files' bytes, so reformatting a
 * JSON file keeps it. Each raw text enters through its article's sha256, which the check has
 * verified against the text.
 */
export function corpusVersion(content: Record<string, unknown>): string {
  return runSteps(corpusVersionSteps(content)).version;
}
