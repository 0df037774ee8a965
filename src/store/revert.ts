import type { Result } from "../core/result.ts";
import type { CorpusStore, Published, StoreFailure } from "../ports/corpus-store.ts";

/**
 * Publishes an earlier version's content again as a new version: the sequence only moves on, so
 * every later reference to a seq still means what it meant.
 */
export async function revertTo(
  store: CorpusStore,
  seq: number,
  options: { by: string; note: string },
): Promise<Result<Published, StoreFailure>> {
  const version = await store.get(seq);
  if (!version.ok) return version;
  const { hash, content } = version.value;
  return store.publish({ hash, content }, { parent: "current", ...options });
}
