import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Result } from "../../src/core/result.ts";
import type {
  CorpusStore,
  Draft,
  Published,
  StoreFailure,
  StoreOptions,
} from "../../src/ports/corpus-store.ts";
import { textHash } from "../../src/ports/corpus-store.ts";
import { revertTo } from "../../src/store/revert.ts";
import { testDrafts } from "../support/drafts.ts";
import { until } from "../support/until.ts";

/** Opens a handle on one backing store, as each process opens the same directory or database. */
export type OpenStore = (options?: StoreOptions) => Promise<CorpusStore>;

function value<T>(result: Result<T, StoreFailure>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const by = { by: "editor", note: "a note" };

/**
 * One suite every CorpusStore passes. `fresh` makes an empty backing store and returns how to
 * open handles on it; every handle opened is closed after its test.
 */
export function corpusStoreContract(name: string, fresh: () => Promise<OpenStore>): void {
  describe(`corpus store contract: ${name}`, () => {
    let drafts: { first: Draft; second: Draft; third: Draft };
    let opened: CorpusStore[] = [];
    let open: OpenStore;
    beforeAll(async () => {
      drafts = await testDrafts();
    });
    const openHandle = async (options?: StoreOptions) => {
      const store = await open(options);
      opened.push(store);
      return store;
    };
    const store = async () => {
      open = await fresh();
      return openHandle();
    };
    afterEach(async () => {
      for (const handle of opened) await handle.close();
      opened = [];
    });

    it("starts empty, then hands back the first version with its record and content", async () => {
      const s = await store();
      expect(value(await s.current())).toBeNull();
      expect(value(await s.log())).toEqual([]);
      const published = value(await s.publish(drafts.first, { parent: null, ...by }));
      expect(published).toMatchObject({
        status: "published",
        version: { seq: 1, hash: drafts.first.hash, parent: null, by: "editor", note: "a note" },
      });
      const current = value(await s.current());
      expect(current).toMatchObject(published.version);
      expect(current?.content.files).toEqual(drafts.first.content.files);
      expect(Buffer.from(current?.content.index ?? [])).toEqual(
        Buffer.from(drafts.first.content.index),
      );
      expect(value(await s.log())).toEqual([published.version]);
    });

    it("leaves unread the texts a caller holds with the same hash and reads the rest", async () => {
      const s = await store();
      value(await s.publish(drafts.first, { parent: null, ...by }));
      const texts = Object.entries(drafts.first.content.files.texts) as Array<[string, string]>;
      const [[keptId, kept], [changedId, changed]] = texts as [[string, string], [string, string]];
      const held = new Map([
        [keptId, textHash(kept)],
        [changedId, textHash(`${changed} (an older text)`)],
        ["not-in-this-version", textHash(kept)],
      ]);
      const got = value(await s.get(1, { held }));
      expect(got.content.files.held).toEqual({ [keptId]: textHash(kept) });
      expect(got.content.files.texts).toEqual(Object.fromEntries(texts.slice(1)));
      expect(got.content.files.json).toEqual(drafts.first.content.files.json);
    });

    it("says unchanged and writes nothing when the content is the current version's", async () => {
      const s = await store();
      const first = value(await s.publish(drafts.first, { parent: null, ...by }));
      const again = value(await s.publish(drafts.first, { parent: 1, ...by, note: "again" }));
      expect(again).toEqual({ status: "unchanged", version: first.version });
      expect(value(await s.log())).toHaveLength(1);
    });

    it("of two publishes from the same parent, one wins and the other is told it is stale", async () => {
      const s = await store();
      value(await s.publish(drafts.first, { parent: null, ...by }));
      const other = await openHandle();
      const results = await Promise.all([
        s.publish(drafts.second, { parent: 1, ...by, by: "ana" }),
        other.publish(drafts.third, { parent: 1, ...by, by: "ben" }),
      ]);
      const won = results.filter((r) => r.ok);
      const lost = results.filter((r) => !r.ok);
      expect(won).toHaveLength(1);
      expect(lost).toEqual([
        { ok: false, error: expect.objectContaining({ code: "store.stale_parent" }) },
      ]);
      expect((won[0] as { value: Published }).value.version).toMatchObject({ seq: 2, parent: 1 });
      expect(value(await other.log()).map((v) => v.seq)).toEqual([1, 2]);
    });

    it("publishes on top of the current version with parent current, and over it with force", async () => {
      const s = await store();
      value(await s.publish(drafts.first, { parent: null, ...by }));
      value(await s.publish(drafts.second, { parent: "current", ...by }));
      const stale = await s.publish(drafts.third, { parent: 1, ...by });
      expect(stale).toMatchObject({ ok: false, error: { code: "store.stale_parent" } });
      expect((stale as { error: StoreFailure }).error.message).toContain("--force");
      const empty = await s.publish(drafts.third, { parent: null, ...by });
      expect(empty).toMatchObject({ ok: false, error: { code: "store.stale_parent" } });
      const forced = value(await s.publish(drafts.third, { parent: 1, ...by, force: true }));
      // The record keeps the history linear: the parent is what it replaced.
      expect(forced.version).toMatchObject({ seq: 3, parent: 2, hash: drafts.third.hash });
    });

    it("reverts by publishing an earlier version's content as a new seq", async () => {
      const s = await store();
      value(await s.publish(drafts.first, { parent: null, ...by }));
      value(await s.publish(drafts.second, { parent: 1, ...by }));
      const reverted = value(await revertTo(s, 1, { by: "ana", note: "back to v1" }));
      expect(reverted).toMatchObject({
        status: "published",
        version: { seq: 3, parent: 2, hash: drafts.first.hash, note: "back to v1" },
      });
      expect(value(await s.get(3)).content.files).toEqual(drafts.first.content.files);
      expect(value(await revertTo(s, 1, by)).status).toBe("unchanged");
      expect(await s.get(9)).toMatchObject({ ok: false, error: { code: "store.not_found" } });
    });

    it("tells a subscriber of a version another handle publishes", async () => {
      const s = await store();
      value(await s.publish(drafts.first, { parent: null, ...by }));
      const watcher = await openHandle();
      const seen: number[] = [];
      const unsubscribe = watcher.subscribe((seq) => seen.push(seq));
      await until(() => (seen.length > 0 ? true : undefined), "the current version", 5000);
      value(await s.publish(drafts.second, { parent: 1, ...by }));
      await until(() => (seen.includes(2) ? true : undefined), "version 2 announced", 5000);
      expect(seen).toEqual([1, 2]);
      unsubscribe();
    });

    it("refuses a version in a newer format than it reads, and still reads older versions", async () => {
      const s = await store();
      value(await s.publish(drafts.first, { parent: null, ...by }));
      const newer = await openHandle({ writeFormat: 99 });
      value(await newer.publish(drafts.second, { parent: 1, ...by }));
      expect(await s.current()).toMatchObject({ ok: false, error: { code: "store.newer_format" } });
      expect(value(await s.get(1)).hash).toBe(drafts.first.hash);
      // Nothing is published over a version this build cannot read.
      expect(await s.publish(drafts.third, { parent: "current", ...by })).toMatchObject({
        ok: false,
        error: { code: "store.newer_format" },
      });
    });
  });
}
