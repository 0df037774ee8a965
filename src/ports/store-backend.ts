import { fail, ok, type Result } from "../core/result.ts";
import type {
  CorpusStore,
  Draft,
  GetOptions,
  Published,
  PublishOptions,
  StoredVersion,
  StoreFailure,
  VersionInfo,
} from "./corpus-store.ts";

/** What a write reports when another publisher claimed its seq first. */
export const LOST_RACE = "lost-race";

/**
 * The few operations a place to keep versions provides; `storeOn` builds the rules of a
 * CorpusStore on them once (unchanged, stale parent, retry after a lost race, following), so
 * every implementation applies the same ones.
 */
export interface StoreBackend {
  readonly name: string;
  /** The format this backend writes. */
  readonly format: number;
  currentSeq(): Promise<number | null>;
  /** A version's record, checked with parseVersionInfo. */
  readInfo(seq: number): Promise<Result<VersionInfo, StoreFailure>>;
  readVersion(seq: number, options?: GetOptions): Promise<Result<StoredVersion, StoreFailure>>;
  readLog(): Promise<Result<VersionInfo[], StoreFailure>>;
  /** Writes the version and moves the pointer to it if it still points at `info.parent`. */
  write(
    info: VersionInfo,
    draft: Draft,
  ): Promise<Result<VersionInfo, StoreFailure> | typeof LOST_RACE>;
  /**
   * Calls `check` on the backend's own signal of a new version (a file watch, NOTIFY) until the
   * returned stop is called; a timer checks as well, so a missed signal only delays a version.
   */
  watch(check: () => void): () => Promise<void>;
  close(): Promise<void>;
}

export const notFound = (seq: number): StoreFailure => ({
  code: "store.not_found",
  message: `there is no version ${seq}`,
});

/** The values, or the first failure among them. */
export function collect<T>(results: Result<T, StoreFailure>[]): Result<T[], StoreFailure> {
  const values: T[] = [];
  for (const result of results) {
    if (!result.ok) return result;
    values.push(result.value);
  }
  return ok(values);
}

/** What a publish does given the current version: nothing, refuse, or write the next seq. */
function decidePublish(
  current: VersionInfo | null,
  draft: Draft,
  options: PublishOptions,
): Result<{ write: false; version: VersionInfo } | { write: true; seq: number }, StoreFailure> {
  if (current && current.hash === draft.hash) return ok({ write: false, version: current });
  const currentSeq = current?.seq ?? null;
  if (!options.force && options.parent !== "current" && options.parent !== currentSeq) {
    const based = options.parent === null ? "an empty store" : `version ${options.parent}`;
    return fail({
      code: "store.stale_parent",
      message: `this corpus was edited from ${based}, but version ${currentSeq} has been published since; export the current version and redo the edit on it, or publish with --force to replace it`,
    });
  }
  return ok({ write: true, seq: (currentSeq ?? 0) + 1 });
}

/**
 * Tells subscribers of the current seq: once soon after they subscribe, then whenever `check`
 * finds a higher one.
 */
function follower(readCurrentSeq: () => Promise<number | null>) {
  const listeners = new Map<(seq: number) => void, number>();
  const check = async () => {
    // A read that fails (the database restarting) is retried by the next check.
    const seq = await readCurrentSeq().catch(() => null);
    if (seq === null) return;
    for (const [listener, seen] of listeners) {
      if (seq <= seen) continue;
      listeners.set(listener, seq);
      listener(seq);
    }
  };
  return { listeners, check };
}

export function storeOn(backend: StoreBackend, pollMs = 1000): CorpusStore {
  const { listeners, check } = follower(() => backend.currentSeq());
  let stop: (() => Promise<void>) | null = null;
  const stopFollowing = async () => {
    const stopping = stop;
    stop = null;
    await stopping?.();
  };
  const currentInfo = async (): Promise<Result<VersionInfo | null, StoreFailure>> => {
    const seq = await backend.currentSeq();
    return seq === null ? ok(null) : backend.readInfo(seq);
  };

  return {
    name: backend.name,
    async publish(draft, options): Promise<Result<Published, StoreFailure>> {
      for (;;) {
        const current = await currentInfo();
        if (!current.ok) return current;
        const decided = decidePublish(current.value, draft, options);
        if (!decided.ok) return decided;
        if (!decided.value.write) {
          return ok({ status: "unchanged", version: decided.value.version });
        }
        const info: VersionInfo = {
          seq: decided.value.seq,
          hash: draft.hash,
          // The parent is what it replaced, also when forced, so the history stays one line.
          parent: current.value?.seq ?? null,
          publishedAt: new Date().toISOString(),
          by: options.by,
          note: options.note,
          format: backend.format,
        };
        const written = await backend.write(info, draft);
        // Another publisher took the seq: decide again against what it published.
        if (written === LOST_RACE) continue;
        return written.ok ? ok({ status: "published", version: written.value }) : written;
      }
    },
    async current() {
      const seq = await backend.currentSeq();
      return seq === null ? ok(null) : backend.readVersion(seq);
    },
    get: (seq, options) => backend.readVersion(seq, options),
    log: () => backend.readLog(),
    subscribe(onVersion) {
      listeners.set(onVersion, 0);
      if (!stop) {
        const timer = setInterval(() => void check(), pollMs);
        timer.unref();
        const unwatch = backend.watch(() => void check());
        stop = async () => {
          clearInterval(timer);
          await unwatch();
        };
      }
      void check();
      return () => {
        listeners.delete(onVersion);
        if (listeners.size === 0) void stopFollowing();
      };
    },
    async close() {
      listeners.clear();
      await stopFollowing();
      await backend.close();
    },
  };
}
