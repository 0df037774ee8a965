import { fail, ok, type Result } from "../core/result.ts";
import {
  type CorpusStore,
  parseVersionInfo,
  STORE_FORMAT,
  type StoredVersion,
  type StoreFailure,
  type StoreOptions,
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
  const read = (seq: number): Result<StoredVersion, StoreFailure> => {
    const version = backing.versions[seq - 1];
    if (!version) return fail(notFound(seq));
    const info = parseVersionInfo(version);
    return info.ok ? ok({ ...info.value, content: structuredClone(version.content) }) : info;
  };
  return storeOn({
    name: "memory",
    format: options.writeFormat ?? STORE_FORMAT,
    currentSeq: async () => backing.versions.at(-1)?.seq ?? null,
    readInfo: async (seq) => {
      const version = backing.versions[seq - 1];
      return version ? parseVersionInfo(version) : fail(notFound(seq));
    },
    readVersion: async (seq) => read(seq),
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
