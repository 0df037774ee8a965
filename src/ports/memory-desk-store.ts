import {
  type Collection,
  type DeskStore,
  deskStoreOn,
  type HistoryEntry,
  STALE,
  type Stored,
} from "./desk-store.ts";

/** The desk store's in-memory twin: the same rules, on maps. Values are copied in and out. */
export function memoryDeskStore(): DeskStore {
  const collections = new Map<Collection, Map<string, Stored<unknown>>>([
    ["accounts", new Map()],
    ["sessions", new Map()],
    ["drafts", new Map()],
    ["signins", new Map()],
  ]);
  const entries: HistoryEntry[] = [];
  const of = (c: Collection) => collections.get(c) as Map<string, Stored<unknown>>;
  const copy = <T>(v: T): T => structuredClone(v);
  return deskStoreOn({
    name: "memory",
    get: async (c, id) => {
      const row = of(c).get(id);
      return row ? copy(row) : null;
    },
    list: async (c) => [...of(c).values()].map(copy),
    put: async (c, id, rev, value) => {
      const current = of(c).get(id)?.rev ?? 0;
      if (current !== rev) return STALE;
      of(c).set(id, { rev: rev + 1, value: copy(value) });
      return rev + 1;
    },
    remove: async (c, id) => of(c).delete(id),
    append: async (entry) => {
      entries.push(copy(entry));
    },
    entries: async () => entries.map(copy),
    close: async () => {},
  });
}
