import { beforeEach, describe, expect, it } from "vitest";
import type { Subscription } from "../../src/digests/subscription.ts";
import type { DigestStore, LastDelivery } from "../../src/ports/digest-store.ts";

/** A subscription of channel `channelId` in workspace W1 (test platform), as subscribe writes it. */
export function subscription(
  channelId: string,
  overrides: Partial<Subscription> = {},
): Subscription {
  return {
    id: `test:W1:${channelId}`,
    platform: "test",
    workspaceId: "W1",
    channelId,
    cron: "0 8 * * *",
    label: "daily at 08:00",
    tz: "UTC",
    topic: null,
    createdBy: "U1",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    paused: null,
    lastDelivery: null,
    lastError: null,
    ...overrides,
  };
}

const delivered = (slot: number, messageId = `m-${slot}`): LastDelivery => ({
  at: new Date(slot).toISOString(),
  slot,
  messageId,
  corpusVersion: "v1",
  shown: { "fact-1": { fingerprint: "f1", text: "A fact it showed" } },
});

const LEASE = 60_000;

/**
 * One suite every DigestStore passes: what the delivery state machine and the digest command
 * rely on. `fresh` gives an empty store for each test.
 */
export function digestStoreContract(name: string, fresh: () => Promise<DigestStore>): void {
  describe(`digest store contract: ${name}`, () => {
    let store: DigestStore;
    beforeEach(async () => {
      store = await fresh();
    });

    describe("subscriptions", () => {
      it("reads back what it saved, by id and by channel, listing only its workspace", async () => {
        const a = subscription("C1", { topic: "iskp" });
        await store.save(a);
        await store.save(subscription("C2"));
        await store.save(subscription("C3", { id: "test:W2:C3", workspaceId: "W2" }));
        expect(await store.get(a.id)).toEqual(a);
        expect(
          await store.forChannel({ platform: "test", workspaceId: "W1", channelId: "C1" }),
        ).toEqual(a);
        expect(await store.get("test:W1:nowhere")).toBeNull();
        const ids = (await store.inWorkspace("test", "W1")).map((s) => s.id).sort();
        expect(ids).toEqual(["test:W1:C1", "test:W1:C2"]);
      });

      it("leaves the last delivery alone when the record is saved again", async () => {
        const sub = subscription("C1");
        await store.save(sub);
        await store.recordDelivery(sub.id, 1000, delivered(1000));
        await store.save({ ...sub, label: "weekdays at 08:00", lastDelivery: null });
        expect(await store.get(sub.id)).toMatchObject({
          label: "weekdays at 08:00",
          lastDelivery: delivered(1000),
        });
      });

      it("updates the record, keeping the last delivery", async () => {
        const sub = subscription("C1");
        await store.save(sub);
        await store.recordDelivery(sub.id, 1000, delivered(1000));
        const error = {
          at: "2026-01-02T00:00:00.000Z",
          message: "post.network: x",
          permanent: false,
        };
        const updated = await store.update(sub.id, (s) => ({
          ...s,
          lastError: error,
          lastDelivery: null,
        }));
        expect(updated).toMatchObject({ lastError: error, lastDelivery: delivered(1000) });
        expect(await store.get(sub.id)).toEqual(updated);
      });

      it("does not create a subscription by updating one that does not exist", async () => {
        expect(await store.update("test:W1:C9", (s) => s)).toBeNull();
        expect(await store.get("test:W1:C9")).toBeNull();
      });

      it("never brings back a subscription removed while an update was under way", async () => {
        const sub = subscription("C1");
        await store.save(sub);
        let removed: Promise<void> = Promise.resolve();
        const updated = await store.update(sub.id, (s) => {
          removed = store.remove(s);
          return { ...s, label: "changed" };
        });
        await removed;
        expect(updated).toBeNull();
        expect(await store.get(sub.id)).toBeNull();
      });

      it("removes the record, its last delivery and its place in the workspace", async () => {
        const sub = subscription("C1");
        await store.save(sub);
        await store.recordDelivery(sub.id, 1000, delivered(1000));
        await store.remove(sub);
        expect(await store.get(sub.id)).toBeNull();
        expect(await store.inWorkspace("test", "W1")).toEqual([]);
        await store.save(sub);
        expect(await store.get(sub.id)).toMatchObject({ lastDelivery: null });
      });
    });

    describe("starting a delivery", () => {
      const sub = subscription("C1");
      beforeEach(async () => {
        await store.save(sub);
      });

      it("finds no subscription, and claims nothing, when there is none", async () => {
        expect(await store.beginDelivery("test:W1:C9", 1000, "job-1", 0, LEASE)).toEqual({
          kind: "missing",
        });
        expect(await store.slot("test:W1:C9", 1000)).toBeNull();
      });

      it("claims a free slot for the job for the lease", async () => {
        expect(await store.beginDelivery(sub.id, 1000, "job-1", 5000, LEASE)).toEqual({
          kind: "claimed",
          sub,
        });
        expect(await store.slot(sub.id, 1000)).toEqual({
          state: "posting",
          job: "job-1",
          until: 5000 + LEASE,
          token: "job-1",
        });
      });

      it("fences the claim: only the latest attempt's token holds it, and holding renews the lease", async () => {
        await store.beginDelivery(sub.id, 1000, "job-1", 5000, LEASE, "attempt-1");
        expect(await store.fence(sub.id, 1000, "attempt-1", 7000, LEASE)).toBe(true);
        expect(await store.slot(sub.id, 1000)).toMatchObject({ until: 7000 + LEASE });
        // The job's lock expired and another worker took it over: the first attempt is fenced out.
        await store.beginDelivery(sub.id, 1000, "job-1", 8000, LEASE, "attempt-2");
        expect(await store.fence(sub.id, 1000, "attempt-1", 9000, LEASE)).toBe(false);
        expect(await store.fence(sub.id, 1000, "attempt-2", 9000, LEASE)).toBe(true);
        await store.recordDelivery(sub.id, 1000, delivered(1000, "m1"));
        expect(await store.fence(sub.id, 1000, "attempt-2", 9000, LEASE)).toBe(false);
        expect(await store.fence(sub.id, 2000, "attempt-2", 9000, LEASE)).toBe(false);
      });

      it("records a second post for a slot as retracted, keeping the first", async () => {
        expect(await store.recordDelivery(sub.id, 1000, delivered(1000, "m1"))).toBe("recorded");
        expect(await store.recordDelivery(sub.id, 1000, delivered(1000, "m1"))).toBe("recorded");
        expect(await store.recordDelivery(sub.id, 1000, delivered(1000, "m2"))).toBe("duplicate");
        expect(await store.slot(sub.id, 1000)).toEqual({
          state: "posted",
          messageId: "m1",
          retracted: ["m2"],
        });
        expect((await store.get(sub.id))?.lastDelivery).toEqual(delivered(1000, "m1"));
      });

      it("resumes its own claim at once, renewing the lease", async () => {
        await store.beginDelivery(sub.id, 1000, "job-1", 5000, LEASE);
        expect(await store.beginDelivery(sub.id, 1000, "job-1", 6000, LEASE)).toEqual({
          kind: "resumed",
          sub,
        });
        expect(await store.slot(sub.id, 1000)).toMatchObject({ until: 6000 + LEASE });
      });

      it("keeps another job off the slot until the lease runs out, then hands it over", async () => {
        await store.beginDelivery(sub.id, 1000, "job-1", 5000, LEASE);
        expect(await store.beginDelivery(sub.id, 1000, "job-2", 6000, LEASE)).toEqual({
          kind: "busy",
          until: 5000 + LEASE,
        });
        expect(await store.beginDelivery(sub.id, 1000, "job-2", 5001 + LEASE, LEASE)).toEqual({
          kind: "resumed",
          sub,
        });
        expect(await store.slot(sub.id, 1000)).toMatchObject({ job: "job-2" });
        expect(await store.beginDelivery(sub.id, 1000, "job-1", 5002 + LEASE, LEASE)).toMatchObject(
          { kind: "busy" },
        );
      });

      it("lets only one of two jobs starting at once claim the slot", async () => {
        const starts = await Promise.all([
          store.beginDelivery(sub.id, 1000, "scheduled", 5000, LEASE),
          store.beginDelivery(sub.id, 1000, "run-now", 5000, LEASE),
        ]);
        expect(starts.map((s) => s.kind).sort()).toEqual(["busy", "claimed"]);
      });

      it("reports a settled slot as it is, to any job", async () => {
        await store.setSlot(sub.id, 1000, { state: "abandoned", reason: "post.auth" });
        expect(await store.beginDelivery(sub.id, 1000, "job-1", 5000, LEASE)).toEqual({
          kind: "settled",
          state: { state: "abandoned", reason: "post.auth" },
        });
        await store.recordDelivery(sub.id, 2000, delivered(2000, "m1"));
        expect(await store.beginDelivery(sub.id, 2000, "job-1", 5000, LEASE)).toEqual({
          kind: "settled",
          state: { state: "posted", messageId: "m1" },
        });
      });

      it("finds a paused subscription paused, claiming nothing", async () => {
        const paused = { ...sub, paused: { reason: "post.auth: revoked", at: "2026-01-02" } };
        await store.save(paused);
        expect(await store.beginDelivery(sub.id, 1000, "job-1", 5000, LEASE)).toEqual({
          kind: "paused",
          sub: paused,
        });
        expect(await store.slot(sub.id, 1000)).toBeNull();
        // Pausing stops digests, not corrections: a correction's slot is claimed.
        expect(await store.beginDelivery(sub.id, "fix:v2:abc", "job-1", 5000, LEASE)).toEqual({
          kind: "claimed",
          sub: paused,
        });
      });

      it("hands back the subscription with its last delivery", async () => {
        await store.recordDelivery(sub.id, 500, delivered(500));
        expect(await store.beginDelivery(sub.id, 1000, "job-1", 5000, LEASE)).toMatchObject({
          kind: "claimed",
          sub: { lastDelivery: delivered(500) },
        });
      });
    });

    describe("recording a delivery", () => {
      const sub = subscription("C1");
      beforeEach(async () => {
        await store.save(sub);
      });

      it("marks the slot posted and makes it the last delivery", async () => {
        await store.beginDelivery(sub.id, 1000, "job-1", 5000, LEASE);
        await store.recordDelivery(sub.id, 1000, delivered(1000, "m1"));
        expect(await store.slot(sub.id, 1000)).toEqual({ state: "posted", messageId: "m1" });
        expect((await store.get(sub.id))?.lastDelivery).toEqual(delivered(1000, "m1"));
      });

      it("never moves the last delivery back to an earlier slot", async () => {
        await store.recordDelivery(sub.id, 2000, delivered(2000));
        await store.recordDelivery(sub.id, 1000, delivered(1000));
        expect(await store.slot(sub.id, 1000)).toMatchObject({ state: "posted" });
        expect((await store.get(sub.id))?.lastDelivery).toEqual(delivered(2000));
      });

      it("keeps the slot's record but no last delivery for a subscription removed meanwhile", async () => {
        await store.remove(sub);
        await store.recordDelivery(sub.id, 1000, delivered(1000));
        expect(await store.slot(sub.id, 1000)).toMatchObject({ state: "posted" });
        expect(await store.get(sub.id)).toBeNull();
        await store.save(sub);
        expect((await store.get(sub.id))?.lastDelivery).toBeNull();
      });
    });

    describe("corrections", () => {
      const sub = subscription("C1");
      const corrected = (last: LastDelivery): LastDelivery => ({
        ...last,
        shown: { "fact-1": { fingerprint: "f2", text: "The fact as it reads now", message: "m1" } },
      });
      beforeEach(async () => {
        await store.save(sub);
        await store.recordDelivery(sub.id, 1000, delivered(1000, "m1"));
      });

      it("claims a correction's slot like a digest's, and records what the channel is shown", async () => {
        expect(await store.beginDelivery(sub.id, "fix:v2:abc", "job-1", 5000, LEASE)).toMatchObject(
          { kind: "claimed" },
        );
        expect(
          await store.recordCorrection(
            sub.id,
            "fix:v2:abc",
            "r1",
            corrected(delivered(1000, "m1")),
          ),
        ).toBe("recorded");
        expect(await store.slot(sub.id, "fix:v2:abc")).toEqual({
          state: "posted",
          messageId: "r1",
        });
        expect((await store.get(sub.id))?.lastDelivery).toEqual(corrected(delivered(1000, "m1")));
        expect(await store.beginDelivery(sub.id, "fix:v2:abc", "job-2", 5000, LEASE)).toMatchObject(
          { kind: "settled" },
        );
      });

      it("does not overwrite a digest recorded after the correction was built", async () => {
        await store.recordDelivery(sub.id, 2000, delivered(2000, "m2"));
        expect(
          await store.recordCorrection(
            sub.id,
            "fix:v2:abc",
            "r1",
            corrected(delivered(1000, "m1")),
          ),
        ).toBe("stale");
        expect(await store.slot(sub.id, "fix:v2:abc")).toMatchObject({ state: "posted" });
        expect((await store.get(sub.id))?.lastDelivery).toEqual(delivered(2000, "m2"));
      });

      it("lists every subscription", async () => {
        await store.save(subscription("C2", { id: "test:W2:C2", workspaceId: "W2" }));
        expect((await store.all()).map((s) => s.id).sort()).toEqual(["test:W1:C1", "test:W2:C2"]);
      });

      it("moves the corrections marker forward for one caller per version, never back", async () => {
        expect(await store.advanceCorrections(2, "h2")).toBe(true);
        expect(await store.advanceCorrections(2, "h2")).toBe(false);
        expect(await store.advanceCorrections(1, "h1")).toBe(false);
        expect(await store.advanceCorrections(3, "h3")).toBe(true);
        // Directory corpora have no sequence: another version of the same one moves it too.
        expect(await store.advanceCorrections(3, "h3b")).toBe(true);
      });
    });

    describe("shared answers", () => {
      const channel = { platform: "test", workspaceId: "W1", channelId: "C7" };
      const id = "test:W1:C7";
      const was = (text: string) => ({ fingerprint: `fp-${text}`, text });

      it("records what a share showed, tied to its message, per channel, newest last", async () => {
        expect(await store.shared(id)).toBeNull();
        await store.recordShare(channel, "s1", { a: was("a1"), b: was("b1") });
        await store.recordShare(channel, "s2", { a: was("a2") });
        await store.recordShare({ ...channel, channelId: "C8" }, "s3", { c: was("c1") });
        expect(await store.shared(id)).toEqual({
          id,
          channel,
          shown: { b: { ...was("b1"), message: "s1" }, a: { ...was("a2"), message: "s2" } },
        });
        expect(Object.keys((await store.shared(id))?.shown ?? {})).toEqual(["b", "a"]);
        expect((await store.allShared()).map((s) => s.id).sort()).toEqual([id, "test:W1:C8"]);
        // A share that showed no statement records nothing.
        await store.recordShare({ ...channel, channelId: "C9" }, "s4", {});
        expect(await store.shared("test:W1:C9")).toBeNull();
      });

      it("keeps at most 2,000 statements per channel, forgetting the oldest shared", async () => {
        const many = (from: number, n: number) =>
          Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${from + i}`, was("x")]));
        await store.recordShare(channel, "m1", many(0, 1500));
        await store.recordShare(channel, "m2", many(1500, 1000));
        const shown = (await store.shared(id))?.shown ?? {};
        expect(Object.keys(shown)).toHaveLength(2000);
        expect(shown.s499).toBeUndefined();
        expect(shown.s500).toMatchObject({ message: "m1" });
        expect(shown.s2499).toMatchObject({ message: "m2" });
      });

      it("claims a correction's slot in a channel with shares and no subscription, never a digest's", async () => {
        await store.recordShare(channel, "s1", { a: was("a1") });
        expect(await store.beginDelivery(id, "fix:v2:abc", "job-1", 5000, LEASE)).toEqual({
          kind: "claimed",
          sub: null,
          shared: channel,
        });
        expect(await store.beginDelivery(id, 1000, "job-1", 5000, LEASE)).toEqual({
          kind: "missing",
        });
      });

      it("applies a correction to the shares' record only where it still holds what was told", async () => {
        await store.recordShare(channel, "s1", { a: was("a1"), b: was("b1"), c: was("c1") });
        // Shared again meanwhile, as it reads now: that wording is not the one corrected.
        await store.recordShare(channel, "s2", { c: was("c2") });
        const fixes = [
          { id: "a", from: "fp-a1", to: { fingerprint: "fp-a2", text: "a2" } },
          { id: "b", from: "fp-b1" },
          { id: "c", from: "fp-c1" },
        ];
        await store.beginDelivery(id, "fix:v2:abc", "job-1", 5000, LEASE);
        expect(await store.recordCorrection(id, "fix:v2:abc", "r1", null, fixes)).toBe("recorded");
        expect((await store.shared(id))?.shown).toEqual({
          a: { ...was("a2"), message: "s1" },
          c: { ...was("c2"), message: "s2" },
        });
        expect(await store.slot(id, "fix:v2:abc")).toEqual({ state: "posted", messageId: "r1" });
        // A late attempt's post is a duplicate, and changes nothing.
        expect(await store.recordCorrection(id, "fix:v2:abc", "r2", null, [])).toBe("duplicate");
      });

      it("settles what a digest corrected in the channel's shares with the digest's record", async () => {
        const sub = subscription("C7");
        await store.save(sub);
        await store.recordShare(channel, "s1", { a: was("a1"), b: was("b1") });
        expect(
          await store.recordDelivery(sub.id, 1000, delivered(1000, "m1"), [
            { id: "a", from: "fp-a1" },
            { id: "b", from: "fp-other" },
          ]),
        ).toBe("recorded");
        expect((await store.shared(id))?.shown).toEqual({ b: { ...was("b1"), message: "s1" } });
        expect((await store.get(sub.id))?.lastDelivery).toEqual(delivered(1000, "m1"));
      });

      it("leaves a deleted message's statements with no message, and abandons the slot, in one step", async () => {
        const sub = subscription("C7");
        await store.save(sub);
        await store.recordDelivery(sub.id, 1000, delivered(1000, "m1"));
        await store.recordShare(channel, "s1", { a: was("a1"), b: was("b1") });
        await store.recordShare(channel, "s2", { c: was("c1") });
        const carried = { ...delivered(1000, "m1"), shown: { a: was("a1") } };
        await store.beginDelivery(sub.id, "fix:v2:abc", "job-1", 5000, LEASE);
        // c was shared by another message: it keeps its own.
        expect(await store.recordGone(sub.id, "fix:v2:abc", "s1", ["a", "c"], carried)).toBe(
          "recorded",
        );
        expect((await store.get(sub.id))?.lastDelivery).toEqual(carried);
        expect((await store.shared(id))?.shown).toEqual({
          a: was("a1"),
          b: { ...was("b1"), message: "s1" },
          c: { ...was("c1"), message: "s2" },
        });
        expect(await store.slot(sub.id, "fix:v2:abc")).toEqual({
          state: "abandoned",
          reason: "post.original_gone",
        });
      });

      it("writes nothing for a deleted message when a digest was recorded after the correction was built", async () => {
        const sub = subscription("C7");
        await store.save(sub);
        await store.recordDelivery(sub.id, 1000, delivered(1000, "m1"));
        await store.recordShare(channel, "s1", { a: was("a1") });
        await store.beginDelivery(sub.id, "fix:v2:abc", "job-1", 5000, LEASE);
        await store.recordDelivery(sub.id, 2000, delivered(2000, "m2"));
        const built = { ...delivered(1000, "m1"), shown: { a: was("a1") } };
        expect(await store.recordGone(sub.id, "fix:v2:abc", "s1", ["a"], built)).toBe("stale");
        expect((await store.get(sub.id))?.lastDelivery).toEqual(delivered(2000, "m2"));
        expect((await store.shared(id))?.shown).toEqual({ a: { ...was("a1"), message: "s1" } });
        expect(await store.slot(sub.id, "fix:v2:abc")).toMatchObject({ state: "posting" });
      });

      it("corrects a subscription's last delivery and its channel's shares in one step", async () => {
        const sub = subscription("C7");
        await store.save(sub);
        await store.recordDelivery(sub.id, 1000, delivered(1000, "m1"));
        await store.recordShare(channel, "s1", { "fact-1": was("f1") });
        const fixed = {
          ...delivered(1000, "m1"),
          shown: { "fact-1": { fingerprint: "f2", text: "now", message: "m1" } },
        };
        expect(
          await store.recordCorrection(sub.id, "fix:v2:abc", "r1", fixed, [
            { id: "fact-1", from: "fp-f1" },
          ]),
        ).toBe("recorded");
        expect((await store.get(sub.id))?.lastDelivery).toEqual(fixed);
        expect(await store.shared(id)).toBeNull();
      });
    });

    describe("manifests", () => {
      it("has none for a version never saved, nor for an empty key set", async () => {
        expect(await store.manifest("v1")).toBeNull();
        await store.saveManifest("v1", []);
        expect(await store.manifest("v1")).toBeNull();
      });

      it("keeps the first key set saved for a version", async () => {
        await store.saveManifest("v1", ["a", "b"]);
        await store.saveManifest("v1", ["c"]);
        expect(await store.manifest("v1")).toEqual(new Set(["a", "b"]));
      });
    });
  });
}
