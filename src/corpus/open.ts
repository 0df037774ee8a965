import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ValidationResult } from "../core/corpus/validate.ts";
import { buildSearch, indexesOf } from "../core/indexes.ts";
import type { SearchIndex } from "../core/search/bm25.ts";
import { decodeSearchIndex, encodeSearchIndex } from "../core/search/persist.ts";
import { BUNDLED_DATA_DIR, loadCorpus } from "./files.ts";

export interface OpenOptions {
  /** Where prebuilt search indexes are kept, one per corpus version; null to always build. */
  indexCacheDir?: string | null;
}

async function cachedSearch(path: string): Promise<SearchIndex | null> {
  try {
    return decodeSearchIndex(await readFile(path));
  } catch {
    return null;
  }
}

async function saveSearch(dir: string, path: string, index: SearchIndex): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, encodeSearchIndex(index));
    await rename(temp, path);
  } catch {
    // A read-only disk costs the next start-up a rebuild, nothing more.
  }
}

/**
 * Start-up in one call: read and validate the corpus, then build its indexes, reusing the search
 * index saved for this exact corpus version so start-up does not grow with the archive.
 */
export async function openCorpus(
  dataDir: string = BUNDLED_DATA_DIR,
  options: OpenOptions = {},
): Promise<ValidationResult> {
  const result = await loadCorpus(dataDir);
  if (!result.ok) return result;
  const cacheDir =
    options.indexCacheDir === undefined ? join(dataDir, ".index") : options.indexCacheDir;
  let search: SearchIndex | null = null;
  if (cacheDir !== null) {
    const path = join(cacheDir, `search-${result.corpus.version}.bin`);
    search = await cachedSearch(path);
    if (!search) {
      search = buildSearch(result.corpus);
      await saveSearch(cacheDir, path, search);
    }
  }
  indexesOf(result.corpus, search ?? undefined);
  return result;
}
