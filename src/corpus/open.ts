import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { CorpusProblem } from "../core/corpus/problem.ts";
import type { Corpus } from "../core/corpus/types.ts";
import {
  loadPublishedCorpus,
  loadPublishedCorpusSteps,
  validateCorpus,
} from "../core/corpus/validate.ts";
import {
  buildPrebuilt,
  decodeMentions,
  decodePrebuilt,
  encodePrebuilt,
  type Prebuilt,
  prebuiltParts,
} from "../core/prebuilt.ts";
import { fail, ok, type Result } from "../core/result.ts";
import type { SearchIndex } from "../core/search/bm25.ts";
import { decodeSearchIndex } from "../core/search/persist.ts";
import { buildSnapshot, type CorpusSnapshot, snapshotSteps } from "../core/snapshot.ts";
import { runSteps, type Steps } from "../core/steps.ts";
import type { CorpusSource } from "../ports/corpus-source.ts";
import type { StoredVersion, StoreFailure } from "../ports/corpus-store.ts";
import { corpusFailureMessage } from "./failure.ts";
import { BUNDLED_DATA_DIR, directorySource } from "./files.ts";
import { packText } from "./packed-text.ts";

export interface OpenOptions {
  /** Where prebuilt indexes are kept, one per corpus version; null to always build. */
  indexCacheDir: string | null;
  /**
   * The files were checked when they were written (a generated benchmark archive): parse them
   * without the quote and name checks, as a published version is loaded.
   */
  checkedAlready?: boolean;
}

async function cachedPrebuilt(path: string): Promise<Prebuilt | null> {
  try {
    return decodePrebuilt(await readFile(path));
  } catch {
    return null;
  }
}

async function savePrebuilt(dir: string, path: string, built: Required<Prebuilt>): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, encodePrebuilt(built));
    await rename(temp, path);
  } catch {
    // A read-only disk costs the next start-up a rebuild, nothing more.
  }
}

/**
 * Reads and checks the corpus, then builds its snapshot, reusing the indexes saved for this
 * exact corpus version so start-up does not grow with the archive.
 */
export async function openSnapshot(
  source: CorpusSource,
  options: OpenOptions,
): Promise<Result<CorpusSnapshot, CorpusProblem[]>> {
  const files = await source.read();
  let corpus: Corpus;
  if (options.checkedAlready) {
    const loaded = loadPublishedCorpus(files, undefined, packText);
    if (!loaded.ok) return loaded;
    corpus = loaded.value;
  } else {
    const checked = validateCorpus(files);
    if (!checked.ok) return checked;
    corpus = checked.value.corpus;
  }
  const cacheDir = options.indexCacheDir;
  if (cacheDir === null) return { ok: true, value: buildSnapshot(corpus) };
  const path = join(cacheDir, `prebuilt-${corpus.version}.bin`);
  let prebuilt = await cachedPrebuilt(path);
  if (!prebuilt) {
    const built = buildPrebuilt(corpus);
    await savePrebuilt(cacheDir, path, built);
    prebuilt = built;
  }
  return { ok: true, value: buildSnapshot(corpus, prebuilt) };
}

/** The snapshot of a data directory, with its search index saved under `<dir>/.index`. */
export function openDataDir(
  dir: string = BUNDLED_DATA_DIR,
  indexCacheDir: string | null = join(dir, ".index"),
  checkedAlready = false,
): Promise<Result<CorpusSnapshot, CorpusProblem[]>> {
  return openSnapshot(directorySource(dir), { indexCacheDir, checkedAlready });
}

type Opened = { snapshot: CorpusSnapshot; indexRebuilt: boolean };

/**
 * The snapshot of a published version, the fast path: its checks ran when it was published, so
 * this parses the files, verifies the raw texts' and the version's hashes and loads the index
 * built then. An index in a format this code no longer reads is rebuilt in memory.
 */
export function openStoredVersion(
  version: StoredVersion,
  previous?: CorpusSnapshot,
): Result<Opened, StoreFailure> {
  return runSteps(openSteps(version, previous));
}

/**
 * How long the opening of a version may hold the event loop before requests get a turn. Answers
 * are to stay under 20 ms during a swap: a slice and an answer of a few ms fit, and fewer,
 * longer slices finish the open sooner.
 */
const SLICE_MS = 8;

/**
 * openStoredVersion for a process that is answering meanwhile: the same steps, run a few
 * milliseconds at a time with a turn of the event loop between, so answers keep flowing. Given
 * the snapshot it will replace, what did not change is shared with it (cleaned texts, name
 * indexes), which saves the time and the second copy in memory.
 */
export async function openStoredVersionStepwise(
  version: StoredVersion,
  previous?: CorpusSnapshot,
  sliceMs = SLICE_MS,
): Promise<Result<Opened, StoreFailure>> {
  const steps = openSteps(version, previous);
  for (;;) {
    const until = performance.now() + sliceMs;
    let step = steps.next();
    while (!step.done && performance.now() < until) step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The digest of the bytes each served search index was decoded from. */
const indexDigests = new WeakMap<SearchIndex, string>();

/** Bytes hashed between steps: about a millisecond's work. */
const DIGEST_BYTES_PER_STEP = 1 << 21;

function* digestSteps(bytes: Buffer): Steps<string> {
  const hash = createHash("sha1");
  for (let at = 0; at < bytes.length; at += DIGEST_BYTES_PER_STEP) {
    hash.update(bytes.subarray(at, at + DIGEST_BYTES_PER_STEP));
    yield;
  }
  return hash.digest("hex");
}

function* openSteps(
  version: StoredVersion,
  previous?: CorpusSnapshot,
): Steps<Result<Opened, StoreFailure>> {
  // Served texts are kept packed; unchanged ones are shared with the snapshot served before.
  const loaded = yield* loadPublishedCorpusSteps(version.content.files, previous?.corpus, packText);
  if (!loaded.ok) {
    return fail({
      // A text the caller said it holds but that cannot be reused: read it and try again.
      code: loaded.error.some((p) => p.code === "corpus.held_text_unusable")
        ? "store.held_text"
        : "store.invalid",
      message: `version ${version.seq} does not load: ${corpusFailureMessage(loaded.error)}`,
    });
  }
  const corpus = loaded.value;
  if (corpus.version !== version.hash) {
    return fail({
      code: "store.hash_mismatch",
      message: `version ${version.seq}'s content hashes to ${corpus.version}, but it was published as ${version.hash}`,
    });
  }
  yield;
  const { index } = version.content;
  const parts = prebuiltParts(Buffer.from(index.buffer, index.byteOffset, index.byteLength));
  const digest = yield* digestSteps(parts.index);
  // A publish that leaves the articles alone ships the same search index: keep the one decoded
  // before rather than decode it again and compare it array by array (0.25 s at 10,000 articles).
  const kept = previous && indexDigests.get(previous.search) === digest ? previous.search : null;
  const search = kept ?? decodeSearchIndex(parts.index);
  yield;
  // Mentions change with any actor's names, and are a small part: read afresh each version.
  const mentions = parts.mentions ? decodeMentions(parts.mentions) : null;
  const release = {
    seq: version.seq,
    publishedAt: version.publishedAt,
    by: version.by,
    note: version.note,
  };
  const snapshot = yield* snapshotSteps(
    corpus,
    search ? { search, ...(mentions ? { mentions } : {}) } : undefined,
    release,
    previous,
  );
  if (search) indexDigests.set(snapshot.search, digest);
  return ok({ snapshot, indexRebuilt: !search });
}
