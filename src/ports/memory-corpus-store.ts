import { fail, ok, type Result } from "../core/result.ts";
import {
  type CorpusStore,
  type GetOptions,
  parseVersionInfo,
  STORE_FORMAT,
  type StoredVersion,
  type StoreFailure,
  type StoreOptions,
  textHash,
  textsToRead,
} from "./corpus-store.ts";
import { collect, LOST_RACE, notFound, storeOn } from "./store-backend.ts";

export interface MemoryBacking {
  versions: StoredVersion[];
  /** Each subscribed handle's check, so a publish through one is heard by all. */
  checks: Set<() => void>;
}

/**
 * A store in memory, for unit tests. Handles opened on one backing share it, as processes share
 * a directory or a database.
 */
export function memoryCorpusStore(
  backing: MemoryBacking = { versions: [], checks: new Set() },
  options: StoreOptions = {},
): CorpusStore {
  const read = (seq: number, options: GetOptions = {}): Result<StoredVersion, StoreFailure> => {
    const version = backing.versions[seq - 1];
    if (!version) return fail(notFound(seq));
    const info = parseVersionInfo(version);
    if (!info.ok) return info;
    const content = structuredClone(version.content);
    // It keeps texts, not their hashes: worked out only for a caller that holds some.
    if (options.held) {
      const stored = Object.entries(content.files.texts).filter(([, t]) => t !== null);
      const hashes = Object.fromEntries(stored.map(([id, t]) => [id, textHash(t as string)]));
      const { held = {} } = textsToRead(hashes, options);
      for (const id of Object.keys(held)) delete content.files.texts[id];
      content.files.held = held;
    }
    return ok({ ...info.value, content });
  };
  return storeOn({
    name: "memory",
    format: options.writeFormat ?? STORE_FORMAT,
    currentSeq: async () => backing.versions.at(-1)?.seq ?? null,
    readInfo: async (seq) => {
      const version = backing.versions[seq - 1];
      return version ? parseVersionInfo(version) : fail(notFound(seq));
    },
    readVersion: async (seq, options) => read(seq, options),
    readLog: async () => collect(backing.versions.map(parseVersionInfo)),
    async write(info, draft) {
      if (backing.versions.length !== (info.parent ?? 0)) return LOST_RACE;
      backing.versions.push({ ...info, content: structuredClone(draft.content) });
      for (const check of backing.checks) queueMicrotask(check);
      return ok(info);
    },
    watch(check) {
      backing.checks.add(check);
      return async () => {
        backing.checks.delete(check);
      };
    },
    async close() {},
  });
}
