import { fail, ok, type Result } from "../core/result.ts";
import type { CorpusSnapshot } from "../core/snapshot.ts";
import { corpusFailureMessage } from "../corpus/failure.ts";
import { readCorpusFiles } from "../corpus/files.ts";
import { openStoredVersion } from "../corpus/open.ts";
import { type CorpusStore, VersionInfo } from "../ports/corpus-store.ts";
import { prepareDraft } from "./draft.ts";

/** Who publishes the version an empty store is seeded with. */
export const SYSTEM_USER = "system";

/**
 * The current version's snapshot. An empty store is first seeded with the corpus in `seedDir`
 * (checked as corpus:publish checks it); a process that loses that race to another just loads
 * what the other published. The failure is the message to print.
 */
export async function openCurrentVersion(
  store: CorpusStore,
  seedDir: string,
): Promise<
  Result<{ snapshot: CorpusSnapshot; version: VersionInfo; indexRebuilt: boolean }, string>
> {
  let current = await store.current();
  if (current.ok && current.value === null) {
    const prepared = prepareDraft(await readCorpusFiles(seedDir));
    if (!prepared.ok) return fail(corpusFailureMessage(prepared.error));
    const seeded = await store.publish(prepared.value.draft, {
      parent: null,
      by: SYSTEM_USER,
      note: `seeded from ${seedDir}`,
    });
    if (!seeded.ok && seeded.error.code !== "store.stale_parent") return fail(seeded.error.message);
    current = await store.current();
  }
  if (!current.ok) return fail(`The corpus store ${store.name} refused: ${current.error.message}`);
  if (current.value === null) return fail(`The corpus store ${store.name} is empty`);
  const opened = openStoredVersion(current.value);
  if (!opened.ok) return fail(opened.error.message);
  return ok({ ...opened.value, version: VersionInfo.parse(current.value) });
}
