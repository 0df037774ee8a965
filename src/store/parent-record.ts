import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { fail, ok, type Result } from "../core/result.ts";
import type { VersionInfo } from "../ports/corpus-store.ts";

/** The file corpus:export leaves in a directory: which version it was written from. */
export const PARENT_RECORD = ".factdesk-parent.json";

const ParentRecord = z.object({
  seq: z.number().int().positive(),
  hash: z.string(),
  exportedAt: z.iso.datetime(),
});
export type ParentRecord = z.infer<typeof ParentRecord>;

/** The version a directory was exported from; null when it has no record (a copy of data/). */
export async function readParentRecord(dir: string): Promise<Result<ParentRecord | null, string>> {
  let text: string;
  try {
    text = await readFile(join(dir, PARENT_RECORD), "utf8");
  } catch {
    return ok(null);
  }
  try {
    const parsed = ParentRecord.safeParse(JSON.parse(text));
    if (parsed.success) return ok(parsed.data);
  } catch {
    // reported below, like a record of the wrong shape
  }
  return fail(
    `${join(dir, PARENT_RECORD)} is not a record corpus:export wrote; delete it to publish on top of the current version`,
  );
}

export function writeParentRecord(dir: string, version: VersionInfo): Promise<void> {
  const record: ParentRecord = {
    seq: version.seq,
    hash: version.hash,
    exportedAt: new Date().toISOString(),
  };
  return writeFile(join(dir, PARENT_RECORD), `${JSON.stringify(record, null, 2)}\n`);
}
