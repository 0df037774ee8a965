import { afterEach, describe, expect, it } from "vitest";
import type { DeskDraft, DeskStore } from "../../src/ports/desk-store.ts";

/** One suite every DeskStore passes; `open` opens a handle on a fresh backing store. */
export function deskStoreContract(name: string, fresh: () => Promise<() => Promise<DeskStore>>) {
  describe(`desk store contract: ${name}`, () => {
    const opened: DeskStore[] = [];
    const open = async () => {
      const handle = await (await fresh())();
      opened.push(handle);
      return handle;
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });
    const at = "2026-01-01T00:00:00.000Z";
    const draft = (over: Partial<DeskDraft> = {}): DeskDraft => ({
      id: "crocus-update",
      name: "Crocus update",
      base: 1,
      files: { json: { "figures.json": "[]" }, texts: { a: "raw" } },
      reasons: {},
      createdBy: "ana",
      updatedAt: at,
      updatedBy: "ana",
      ...over,
    });

    it("keeps accounts, replaces them, lists them by name and removes them", async () => {
      const store = await open();
      await store.putAccount({ name: "zoe", role: "editor", hash: "h1", createdAt: at });
      await store.putAccount({ name: "ana", role: "curator", hash: "h2", createdAt: at });
      await store.putAccount({ name: "ana", role: "curator", hash: "h3", createdAt: at });
      expect((await store.accounts()).map((a) => [a.name, a.hash])).toEqual([
        ["ana", "h3"],
        ["zoe", "h1"],
      ]);
      expect(await store.removeAccount("zoe")).toBe(true);
      expect(await store.removeAccount("zoe")).toBe(false);
      expect(await store.account("zoe")).toBeNull();
    });

    it("finds a session until it expires, and removes an account's sessions", async () => {
      const store = await open();
      const id = "a".repeat(64);
      await store.putSession({ id, account: "ana", expiresAt: "2026-01-01T01:00:00.000Z" });
      await store.putSession({
        id: "b".repeat(64),
        account: "zoe",
        expiresAt: "2026-01-02T00:00:00.000Z",
      });
      expect(await store.session(id, new Date(at))).toMatchObject({ account: "ana" });
      expect(await store.session(id, new Date("2026-01-01T01:00:00.000Z"))).toBeNull();
      expect(await store.session("not-an-id", new Date(at))).toBeNull();
      await store.removeSessionsOf("zoe");
      expect(await store.session("b".repeat(64), new Date(at))).toBeNull();
    });

    it("saves drafts by revision: the second save from the same revision is refused", async () => {
      const store = await open();
      const first = await store.saveDraft(draft(), 0);
      expect(first).toMatchObject({ ok: true, value: { rev: 1 } });
      expect(await store.saveDraft(draft(), 0)).toMatchObject({
        ok: false,
        error: { code: "desk.conflict" },
      });
      const mine = await store.saveDraft(draft({ name: "mine" }), 1);
      const theirs = await store.saveDraft(draft({ name: "theirs" }), 1);
      expect(mine.ok).toBe(true);
      expect(theirs).toMatchObject({ ok: false, error: { code: "desk.conflict" } });
      expect((await store.draft("crocus-update"))?.value.name).toBe("mine");
      expect((await store.drafts()).map((d) => d.value.id)).toEqual(["crocus-update"]);
    });

    it("of many saves racing from one revision exactly one wins", async () => {
      const store = await open();
      await store.saveDraft(draft(), 0);
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => store.saveDraft(draft({ name: `n${n}` }), 1)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    it("another handle on the same store sees what one wrote", async () => {
      const openSame = await fresh();
      const a = await openSame();
      const b = await openSame();
      opened.push(a, b);
      await a.saveDraft(draft(), 0);
      await a.record({
        at,
        by: "ana",
        action: "save",
        draft: "crocus-update",
        record: "figures/x",
        version: null,
        before: null,
        after: { v: 1 },
        note: "",
      });
      expect((await b.draft("crocus-update"))?.rev).toBe(1);
      expect(await b.history({ record: "figures/x" })).toHaveLength(1);
    });

    it("records history and filters it by record, draft and version, newest first", async () => {
      const store = await open();
      const entry = {
        at,
        by: "ana",
        action: "save",
        draft: "d1",
        record: "figures/x",
        version: null,
        before: null,
        after: { v: 1 },
        note: "",
      };
      await store.record(entry);
      await store.record({ ...entry, record: "actors/y", after: { v: 2 } });
      await store.record({ ...entry, action: "publish", record: null, version: 7 });
      expect((await store.history()).map((e) => e.action)).toEqual(["publish", "save", "save"]);
      expect(await store.history({ record: "figures/x" })).toMatchObject([{ after: { v: 1 } }]);
      expect(await store.history({ version: 7 })).toHaveLength(1);
      expect(await store.history({ draft: "nope" })).toEqual([]);
    });

    it("refuses a malformed draft without writing it", async () => {
      const store = await open();
      const bad = await store.saveDraft(draft({ id: "Not An Id" }), 0);
      expect(bad).toMatchObject({ ok: false, error: { code: "desk.invalid" } });
      expect(await store.drafts()).toEqual([]);
    });

    it("counts failed sign-ins per key across handles, every concurrent failure counted", async () => {
      const openSame = await fresh();
      const one = await openSame();
      const two = await openSame();
      opened.push(one, two);
      const key = "address:2001:db8::1";
      await one.failedSignIn(key, 1_000, 60_000);
      await Promise.all([
        one.failedSignIn(key, 2_000, 60_000),
        two.failedSignIn(key, 2_000, 60_000),
        two.failedSignIn(key, 2_000, 60_000),
      ]);
      expect(await two.signInFailures(key)).toEqual({ key, count: 4, last: 2_000 });
      expect(await one.signInFailures("account:other")).toBeNull();
      // After forgetMs without a failure, the count starts again.
      expect((await one.failedSignIn(key, 100_000, 60_000)).count).toBe(1);
      await two.forgetSignIns(key);
      expect(await one.signInFailures(key)).toBeNull();
    });
  });
}
