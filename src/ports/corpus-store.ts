import { createHash } from "node:crypto";
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

/** What a version holds: the data files as published and the indexes built from them. */
export interface VersionContent {
  files: RawCorpusFiles;
  /** encodePrebuilt's bytes (search index, actors' mentions), built once at publish. */
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
  get(seq: number, options?: GetOptions): Promise<Result<StoredVersion, StoreFailure>>;
  /** Every version, oldest first. */
  log(): Promise<Result<VersionInfo[], StoreFailure>>;
  /**
   * Calls `onVersion` with the current seq soon after subscribing (when there is one), then each
   * time a higher one becomes current; the caller reads it with `get`.
   */
  subscribe(onVersion: (seq: number) => void): () => void;
  close(): Promise<void>;
}

export interface GetOptions {
  /**
   * Raw texts the caller holds already, by article id → sha256: those the version has with the
   * same hash are not read but listed in `files.held`. A process following the store passes the
   * texts it serves, so a publish that changes a few articles costs reading a few.
   */
  held?: ReadonlyMap<string, string>;
}

/** How every store names a raw text: stored once per content, shared by versions. */
export const textHash = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * A version's texts (article id → hash) split into those to read and those the caller holds:
 * `held` is what the version's files list as held, absent when the caller named none.
 */
export function textsToRead(
  stored: Readonly<Record<string, string>>,
  options: GetOptions,
): { read: Array<[id: string, hash: string]>; held?: Record<string, string> } {
  if (!options.held) return { read: Object.entries(stored) };
  const read: Array<[string, string]> = [];
  const held: Record<string, string> = {};
  for (const [id, hash] of Object.entries(stored)) {
    if (options.held.get(id) === hash) held[id] = hash;
    else read.push([id, hash]);
  }
  return { read, held };
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
