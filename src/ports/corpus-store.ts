import { z } from "zod";
import type { Code } from "../core/codes.ts";
import type { RawCorpusFiles } from "../core/corpus/types.ts";
import { type Failure, fail, ok, type Result } from "../core/result.ts";

/**
 * The layout of a stored version that this code writes and reads. Bump it when what a version
 * holds changes meaning; a process meeting a higher one keeps the version it serves.
 */
export const STORE_FORMAT = 1;

export type StoreFailure = Failure<Code<"store">>;

/** What identifies a published version, without its content: what `corpus:log` lists. */
export const VersionInfo = z.object({
  seq: z.number().int().positive(),
  /** The corpus version (canonical-content hash) of its content. */
  hash: z.string().regex(/^[a-f0-9]{12}$/),
  /** The version that was current when it was published; null for the first. */
  parent: z.number().int().positive().nullable(),
  publishedAt: z.iso.datetime(),
  by: z.string().min(1),
  note: z.string(),
  format: z.number().int(),
});
export type VersionInfo = z.infer<typeof VersionInfo>;

/** What a version holds: the data files as published and the search index built from them. */
export interface VersionContent {
  files: RawCorpusFiles;
  /** encodeSearchIndex's bytes, built once at publish so no reader rebuilds it. */
  index: Uint8Array;
}

export interface StoredVersion extends VersionInfo {
  content: VersionContent;
}

/** A checked corpus ready to publish: its hash and content. */
export interface Draft {
  hash: string;
  content: VersionContent;
}

export interface PublishOptions {
  /**
   * The version the content was edited from: a stale one is refused unless `force`. "current"
   * publishes on top of whatever is current; null expects the store to be empty.
   */
  parent: number | null | "current";
  by: string;
  note: string;
  force?: boolean;
}

export interface Published {
  /** "unchanged" when the content is the current version's: nothing was written. */
  status: "published" | "unchanged";
  version: VersionInfo;
}

/**
 * The sequence of published, immutable corpus versions and the pointer to the current one.
 * Every implementation moves the pointer with compare-and-set, so of two publishes from the same
 * parent one wins and the other is told its parent is stale.
 */
export interface CorpusStore {
  /** Where it keeps versions, for logs: a path or a database name. */
  readonly name: string;
  publish(draft: Draft, options: PublishOptions): Promise<Result<Published, StoreFailure>>;
  /** The current version; null when nothing was published yet. */
  current(): Promise<Result<StoredVersion | null, StoreFailure>>;
  get(seq: number): Promise<Result<StoredVersion, StoreFailure>>;
  /** Every version, oldest first. */
  log(): Promise<Result<VersionInfo[], StoreFailure>>;
  /**
   * Calls `onVersion` with the current seq soon after subscribing (when there is one), then each
   * time a higher one becomes current; the caller reads it with `get`.
   */
  subscribe(onVersion: (seq: number) => void): () => void;
  close(): Promise<void>;
}

/** Options every implementation takes. */
export interface StoreOptions {
  /** The format this store writes: only a test simulating a newer build sets it. */
  writeFormat?: number;
}

const FormatOnly = z.object({ format: z.number().int() }).loose();

/**
 * A stored version's record, checked: its format first, so a newer layout is named as such
 * rather than as a malformed record.
 */
export function parseVersionInfo(raw: unknown): Result<VersionInfo, StoreFailure> {
  const format = FormatOnly.safeParse(raw);
  if (format.success && format.data.format > STORE_FORMAT) {
    return fail({
      code: "store.newer_format",
      message: `a stored version is in format ${format.data.format}, newer than this Factdesk reads (${STORE_FORMAT}); upgrade Factdesk to read it`,
    });
  }
  if (format.success && format.data.format < STORE_FORMAT) {
    return fail({
      code: "store.older_format",
      message: `a stored version is in format ${format.data.format}, older than this Factdesk reads (${STORE_FORMAT}); export it with the Factdesk that wrote it and publish it again`,
    });
  }
  const info = VersionInfo.safeParse(raw);
  if (!info.success) {
    return fail({ code: "store.invalid", message: `a stored version record is malformed` });
  }
  return ok(info.data);
}

export const notFound = (seq: number): StoreFailure => ({
  code: "store.not_found",
  message: `there is no version ${seq}`,
});

/** What a publish does given the current version: nothing, refuse, or write the next seq. */
export function decidePublish(
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

/** The record of a version about to be written on top of `current`. */
export function newVersionInfo(
  seq: number,
  current: VersionInfo | null,
  draft: Draft,
  options: PublishOptions,
  format: number,
): VersionInfo {
  return {
    seq,
    hash: draft.hash,
    parent: current?.seq ?? null,
    publishedAt: new Date().toISOString(),
    by: options.by,
    note: options.note,
    format,
  };
}

/** What a write reports when another publisher claimed its seq first. */
export const LOST_RACE = "lost-race";

/**
 * A publish against any backing: read the current version, decide, write the next seq with
 * compare-and-set. A write that lost the seq to another publisher decides again against what
 * that one published, which refuses a stated parent as stale.
 */
export async function publishWith(
  read: () => Promise<Result<VersionInfo | null, StoreFailure>>,
  write: (info: VersionInfo) => Promise<Result<VersionInfo, StoreFailure> | typeof LOST_RACE>,
  draft: Draft,
  options: PublishOptions,
  format: number,
): Promise<Result<Published, StoreFailure>> {
  for (;;) {
    const current = await read();
    if (!current.ok) return current;
    const decided = decidePublish(current.value, draft, options);
    if (!decided.ok) return decided;
    if (!decided.value.write) return ok({ status: "unchanged", version: decided.value.version });
    const written = await write(
      newVersionInfo(decided.value.seq, current.value, draft, options, format),
    );
    if (written === LOST_RACE) continue;
    return written.ok ? ok({ status: "published", version: written.value }) : written;
  }
}

/**
 * Tells subscribers of the current seq: once soon after they subscribe, then whenever `check`
 * finds a higher one. Implementations call `check` on their own signals (a file watch, NOTIFY)
 * and on a timer, so a lost signal delays a version rather than hiding it.
 */
export function follower(readCurrentSeq: () => Promise<number | null>): {
  add(onVersion: (seq: number) => void): () => void;
  check(): Promise<void>;
  readonly size: number;
} {
  const listeners = new Map<(seq: number) => void, number>();
  const check = async () => {
    const seq = await readCurrentSeq();
    if (seq === null) return;
    for (const [listener, seen] of listeners) {
      if (seq <= seen) continue;
      listeners.set(listener, seq);
      listener(seq);
    }
  };
  return {
    add(onVersion) {
      listeners.set(onVersion, 0);
      void check();
      return () => {
        listeners.delete(onVersion);
      };
    },
    check,
    get size() {
      return listeners.size;
    },
  };
}

export interface MemoryBacking {
  versions: StoredVersion[];
  /** Each handle's follower check, so a publish through one is heard by all. */
  checks: Set<() => Promise<void>>;
}

/**
 * A store in memory, for unit tests. Handles opened on one backing share it, as processes share
 * a directory or a database.
 */
export function memoryCorpusStore(
  backing: MemoryBacking = { versions: [], checks: new Set() },
  options: StoreOptions = {},
): CorpusStore & { backing: MemoryBacking } {
  const format = options.writeFormat ?? STORE_FORMAT;
  const top = () => backing.versions.at(-1) ?? null;
  const following = follower(async () => top()?.seq ?? null);
  const checked = (version: StoredVersion): Result<StoredVersion, StoreFailure> => {
    const info = parseVersionInfo(version);
    return info.ok ? ok({ ...info.value, content: structuredClone(version.content) }) : info;
  };
  return {
    name: "memory",
    backing,
    publish: (draft, publishOptions) =>
      publishWith(
        async () => {
          const current = top();
          return current ? parseVersionInfo(current) : ok(null);
        },
        async (info) => {
          if (backing.versions.length !== info.seq - 1) return LOST_RACE;
          backing.versions.push({ ...info, content: structuredClone(draft.content) });
          for (const check of backing.checks) queueMicrotask(() => void check());
          return ok(info);
        },
        draft,
        publishOptions,
        format,
      ),
    async current() {
      const current = top();
      return current ? checked(current) : ok(null);
    },
    async get(seq) {
      const version = backing.versions[seq - 1];
      return version ? checked(version) : fail(notFound(seq));
    },
    async log() {
      return collect(backing.versions.map(parseVersionInfo));
    },
    subscribe(onVersion) {
      backing.checks.add(following.check);
      const remove = following.add(onVersion);
      return () => {
        remove();
        if (following.size === 0) backing.checks.delete(following.check);
      };
    },
    async close() {
      backing.checks.delete(following.check);
    },
  };
}

/** The values, or the first failure among them. */
export function collect<T>(results: Result<T, StoreFailure>[]): Result<T[], StoreFailure> {
  const values: T[] = [];
  for (const result of results) {
    if (!result.ok) return result;
    values.push(result.value);
  }
  return ok(values);
}
