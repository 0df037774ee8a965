import { performance } from "node:perf_hooks";
import type { Code } from "../core/codes.ts";
import { ok, type Result } from "../core/result.ts";
import type { CorpusSnapshot } from "../core/snapshot.ts";
import { releaseGarbageOncePacked } from "../garbage.ts";
import type { Logger } from "../log.ts";
import type { CorpusStore, StoredVersion, StoreFailure } from "../ports/corpus-store.ts";
import type { SnapshotHolder } from "./holder.ts";
import { openStoredVersionStepwise } from "./open.ts";

/**
 * Which version a process serves, and the newer one it refused, if any: what a readiness check
 * reads. `behind` stays set until a version at or above it is served.
 */
export interface FollowStatus {
  seq: number;
  hash: string;
  behind?: { seq: number; reason: string; code: Code };
}

export interface Follower {
  status(): FollowStatus;
  /** Resolves once every version announced so far has been served or refused. */
  settled(): Promise<void>;
  stop(): void;
}

export interface FollowOptions {
  store: CorpusStore;
  holder: SnapshotHolder;
  log: Logger;
  /** Opens a fetched version, given the snapshot served; tests pass one that counts or fails. */
  open?: (
    version: StoredVersion,
    serving: CorpusSnapshot,
  ) => Result<CorpusSnapshot, StoreFailure> | Promise<Result<CorpusSnapshot, StoreFailure>>;
  /** Told after each swap: the reloads metric. */
  onSwap?: (seq: number) => void;
}

/** The raw texts a snapshot's cleaned texts come from, by article id → sha256. */
const heldTexts = (snapshot: CorpusSnapshot): ReadonlyMap<string, string> =>
  new Map(snapshot.corpus.articles.map((a) => [a.id, a.sha256]));

/** Lets requests waiting on the event loop run between the steps of a load. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

async function openVersion(
  version: StoredVersion,
  serving: CorpusSnapshot,
): Promise<Result<CorpusSnapshot, StoreFailure>> {
  const opened = await openStoredVersionStepwise(version, serving);
  return opened.ok ? ok(opened.value.snapshot) : opened;
}

/**
 * Follows the store's current version into the holder: each newly announced version is fetched
 * and opened (hash verified, prebuilt index loaded) while requests go on being answered from the
 * snapshot they read, then swapped in with one assignment, so a request in flight finishes on its
 * version and the old snapshot is left to the collector. A burst of publishes loads only the
 * latest. A version that does not open, or is in a format newer than this process reads (a
 * rolling upgrade), is refused: the process keeps serving what it has and says it is behind.
 */
export function followCorpus(options: FollowOptions): Follower {
  const { store, holder, log } = options;
  const open = options.open ?? openVersion;
  const serving = holder.current();
  let status: FollowStatus = {
    seq: serving.release?.seq ?? 0,
    hash: serving.corpus.version,
  };
  /** The highest seq announced, and the highest one fetched (served or refused). */
  let announced = status.seq;
  let tried = status.seq;
  let running: Promise<void> | null = null;
  let stopped = false;

  const refuse = (seq: number, error: StoreFailure) => {
    status = { ...status, behind: { seq, reason: error.message, code: error.code } };
    const why =
      error.code === "store.newer_format"
        ? "corpus version is in a newer format: still serving the one loaded until this process is upgraded"
        : "corpus version refused: still serving the one loaded";
    log.error({ seq, serving: status.seq, code: error.code, reason: error.message }, why);
  };

  /**
   * Fetches and opens a version, leaving the raw texts it serves unread: at 10,000 articles
   * reading them all took 1.1 s of a 2.1 s swap. A text held that cannot be reused (its removals
   * changed) fails the open as `store.held_text`, which is then tried once more with every text
   * read; any other failure is the version's own and refuses it at once.
   */
  async function fetchAndOpen(
    seq: number,
  ): Promise<Result<{ version: StoredVersion; snapshot: CorpusSnapshot }, StoreFailure> | null> {
    let held: ReadonlyMap<string, string> | undefined = heldTexts(holder.current());
    for (;;) {
      const fetched = await store.get(seq, { held });
      // Publishes that came in during the fetch make this one stale: load the latest instead.
      if (stopped || announced > seq) return null;
      if (!fetched.ok) return fetched;
      await yieldToRequests();
      const version = fetched.value;
      const opened = await open(version, holder.current());
      if (opened.ok) return ok({ version, snapshot: opened.value });
      if (!held || opened.error.code !== "store.held_text") return opened;
      held = undefined;
    }
  }

  async function load(seq: number): Promise<void> {
    const started = performance.now();
    const loaded = await fetchAndOpen(seq);
    if (!loaded) return;
    if (!loaded.ok) return refuse(seq, loaded.error);
    if (stopped) return;
    const { version, snapshot } = loaded.value;
    holder.replace(snapshot);
    options.onSwap?.(seq);
    // The old snapshot, the garbage of loading and the new texts' plain copies go at the next
    // lull in requests once those are packed.
    releaseGarbageOncePacked();
    const { behind } = status;
    status = { seq, hash: version.hash, ...(behind && behind.seq > seq ? { behind } : {}) };
    log.info(
      { seq, hash: version.hash, ms: Math.round(performance.now() - started) },
      "corpus version swapped in",
    );
  }

  async function drain(): Promise<void> {
    // Waiting a turn lets a burst of announcements land before anything is fetched.
    await yieldToRequests();
    while (!stopped && announced > tried) {
      tried = announced;
      try {
        await load(tried);
      } catch (err) {
        refuse(tried, { code: "store.invalid", message: (err as Error).message });
      }
    }
    running = null;
  }

  const unsubscribe = store.subscribe((seq) => {
    if (seq <= announced) return;
    announced = seq;
    running ??= drain();
  });

  return {
    status: () => status,
    async settled() {
      while (running) await running;
    },
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}
