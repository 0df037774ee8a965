import { pino } from "pino";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Corpus } from "../../src/core/corpus/types.ts";
import { validateCorpus } from "../../src/core/corpus/validate.ts";
import { buildSnapshot, type CorpusSnapshot } from "../../src/core/snapshot.ts";
import { readCorpusFiles } from "../../src/corpus/files.ts";
import { digestDelivery } from "../../src/digests/deliver.ts";
import { type DigestStore, memoryDigestStore } from "../../src/ports/digest-store.ts";
import { type MemoryPoster, memoryPoster, type Poster } from "../../src/ports/poster.ts";
import { subscription } from "../ports/digest-store.contract.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { type Json, withEdit } from "../support/corpus-edit.ts";
import { replyTo } from "../support/responder.ts";

// The delivery state machine on the in-memory twins: every path, in milliseconds. The Redis and
// platform tests cover the same machine on the real store and adapters.

const silent = pino({ level: "silent" });
const SLOT = Date.UTC(2026, 2, 22, 7, 30);
const START = Date.UTC(2026, 2, 22, 7, 30, 5);
const channel = { platform: "test", workspaceId: "W1", channelId: "C1" };

describe("digest delivery", () => {
  let snapshot: CorpusSnapshot;
  let corpus: Corpus;
  let store: DigestStore;
  let poster: MemoryPoster;
  let unscheduled: string[];
  let clock: number;
  const sub = subscription("C1", { createdBy: "U-editor" });
  const key = `${sub.id}:${SLOT}`;
  const deliveryWith = (p: Poster | null = poster) =>
    digestDelivery({
      snapshots: { current: () => snapshot },
      store,
      posters: new Map(p ? [["test", p]] : []),
      unschedule: async (id) => {
        unscheduled.push(id);
      },
      log: silent,
      now: () => clock,
    });
  const deliverWith = (p: Poster | null = poster) => deliveryWith(p).deliver;
  /** What an earlier attempt of `job` left behind when it died mid-post. */
  const claimedBy = (job: string, until = START + 60_000) =>
    store.setSlot(sub.id, SLOT, { state: "posting", job, until });

  beforeAll(async () => {
    snapshot = await bundledSnapshot();
    corpus = snapshot.corpus;
  });
  beforeEach(async () => {
    // A test may move the snapshot on to a new version.
    snapshot = await bundledSnapshot();
    store = memoryDigestStore();
    poster = memoryPoster("test");
    unscheduled = [];
    clock = START;
    await store.save(sub);
  });

  it("posts a slot's digest once, keyed by the slot, and records it as the last delivery", async () => {
    const deliver = deliverWith();
    const posted = await deliver(sub.id, SLOT, "job-1");
    expect(posted).toMatchObject({
      kind: "posted",
      messageId: "m1",
      corpusVersion: corpus.version,
    });
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]).toMatchObject({ channel, key });
    const digest = poster.posts[0]?.reply;
    expect(digest?.ok && digest.answer.title).toBe("Factdesk digest, 2026-03-22");
    expect(await store.slot(sub.id, SLOT)).toEqual({ state: "posted", messageId: "m1" });
    expect((await store.get(sub.id))?.lastDelivery).toEqual({
      at: new Date(START).toISOString(),
      slot: SLOT,
      messageId: "m1",
      corpusVersion: corpus.version,
      // A first digest shows the conflicting figures' values: a later change to one is owed a
      // correction.
      shown: expect.any(Object),
    });
    const shown = Object.keys((await store.get(sub.id))?.lastDelivery?.shown ?? {});
    // The outcome names what the post showed, for the audit trail.
    expect(posted.kind === "posted" && [...posted.statements].sort()).toEqual(shown.sort());
    expect(shown.sort()).toEqual(
      corpus.figures
        .filter((g) => snapshot.judgementOf(g).verdict === "conflict")
        .flatMap((g) => g.values.map((v) => v.id))
        .sort(),
    );
    expect(await store.manifest(corpus.version)).not.toBeNull();
    expect(await deliver(sub.id, SLOT, "job-2")).toEqual({
      kind: "already-posted",
      messageId: "m1",
    });
    expect(poster.posts).toHaveLength(1);
  });

  it("corrects a value it showed once a version withdraws it: in the next digest, once", async () => {
    const deliver = deliverWith();
    await deliver(sub.id, SLOT, "job-1");
    const [withdrawn] = corpus.figures.filter(
      (g) => snapshot.judgementOf(g).verdict === "conflict",
    );
    const edited = withEdit(await readCorpusFiles(), "figures.json", (groups) => {
      const group = groups.find((g) => g.id === withdrawn?.id) as Json;
      (group.values as Json[]).pop();
    });
    const opened = validateCorpus(edited);
    if (!opened.ok) throw new Error("edited corpus invalid");
    snapshot = buildSnapshot(opened.value.corpus);
    const corrections = (i: number) => {
      const reply = poster.posts[i]?.reply;
      return reply?.ok ? reply.answer.sections.find((s) => s.heading === "Corrections") : null;
    };

    await deliver(sub.id, SLOT + 86_400_000, "job-2");
    const gone = withdrawn?.values.at(-1);
    expect(corrections(1)?.items.map((i) => i.text)).toEqual([
      `Withdrawn: "${withdrawn?.measure}: ${gone?.text}" is no longer in the corpus`,
    ]);
    await deliver(sub.id, SLOT + 2 * 86_400_000, "job-3");
    expect(poster.posts).toHaveLength(3);
    expect(corrections(2)).toBeUndefined();
  });

  describe("fencing", () => {
    it("does not post when another attempt took the claim over while this one stalled", async () => {
      const current = snapshot;
      let stalled = false;
      const { deliver } = digestDelivery({
        // The attempt stalls right after claiming: meanwhile the job's lock expires and another
        // worker's attempt of the same job takes the claim over.
        snapshots: {
          current: () => {
            if (!stalled) {
              stalled = true;
              void store.beginDelivery(sub.id, SLOT, "job-1", clock, 120_000, "attempt-2");
            }
            return current;
          },
        },
        store,
        posters: new Map([["test", poster]]),
        unschedule: async () => {},
        log: silent,
        now: () => clock,
      });
      expect(await deliver(sub.id, SLOT, "job-1", "attempt-1")).toEqual({
        kind: "skipped",
        reason: "another attempt took the claim over",
      });
      expect(poster.posts).toHaveLength(0);
      expect(await deliver(sub.id, SLOT, "job-1", "attempt-2")).toMatchObject({ kind: "posted" });
      expect(poster.posts).toHaveLength(1);
    });

    it("deletes its own post when another was recorded for the slot first, and says so", async () => {
      const late: Poster = {
        ...poster,
        async post(to, reply, options) {
          // Between this attempt's fence and its post, another attempt posts and records.
          await store.recordDelivery(sub.id, SLOT, {
            at: new Date(clock).toISOString(),
            slot: SLOT,
            messageId: "m-other",
            corpusVersion: corpus.version,
            shown: {},
          });
          return poster.post(to, reply, options);
        },
      };
      expect(await deliverWith(late)(sub.id, SLOT, "job-1")).toEqual({
        kind: "retracted",
        messageId: "m1",
        deleted: true,
      });
      expect([...poster.deleted]).toEqual(["m1"]);
      expect(await store.slot(sub.id, SLOT)).toEqual({
        state: "posted",
        messageId: "m-other",
        retracted: ["m1"],
      });
      expect((await store.get(sub.id))?.lastDelivery?.messageId).toBe("m-other");
    });
  });

  describe("corrections", () => {
    const release = {
      seq: 2,
      publishedAt: "2026-03-23T10:00:00Z",
      by: "desk",
      note: "toll revised",
    };
    /** The first conflicting figure group, and a snapshot of a version that edits its values. */
    const nextVersion = async (edit: (values: Json[]) => void) => {
      const [group] = corpus.figures.filter((g) => snapshot.judgementOf(g).verdict === "conflict");
      if (!group) throw new Error("no conflicting figure");
      const edited = withEdit(await readCorpusFiles(), "figures.json", (groups) => {
        edit((groups.find((g) => g.id === group.id) as Json).values as Json[]);
      });
      const opened = validateCorpus(edited);
      if (!opened.ok) throw new Error("edited corpus invalid");
      snapshot = buildSnapshot(opened.value.corpus, undefined, release);
      return group;
    };
    const textsOf = (i: number) => {
      const reply = poster.posts[i]?.reply;
      return reply?.ok
        ? reply.answer.sections.find((s) => s.heading === "Corrections")?.items.map((t) => t.text)
        : undefined;
    };

    it("replies to the digest that showed a withdrawn value, once, with the publish note", async () => {
      const { deliver, correct } = deliveryWith();
      await deliver(sub.id, SLOT, "job-1");
      const group = await nextVersion((values) => {
        values.pop();
      });
      const gone = group.values.at(-1);
      expect(await correct(sub.id, "fix-1")).toEqual({
        kind: "posted",
        messageId: "m2",
        statements: [gone?.id],
        corpusVersion: snapshot.corpus.version,
        correction: true,
        replyTo: "m1",
      });
      expect(poster.posts).toHaveLength(2);
      expect(poster.posts[1]).toMatchObject({ replyTo: "m1", channel });
      expect(textsOf(1)).toEqual([
        `Withdrawn: "${group.measure}: ${gone?.text}" is no longer in the corpus. Why: toll revised`,
      ]);
      // Another job for the same version, or a later sweep, tells nothing again.
      expect(await correct(sub.id, "fix-2")).toMatchObject({ kind: "skipped" });
      expect(await correct(sub.id, "fix-1")).toMatchObject({ kind: "skipped" });
      expect(poster.posts).toHaveLength(2);
      await deliver(sub.id, SLOT + 86_400_000, "job-2");
      expect(poster.posts).toHaveLength(3);
      expect(textsOf(2)).toBeUndefined();
    });

    it("reports every message a job corrected, not only the last, with its statements", async () => {
      const { deliver, correct } = deliveryWith();
      await deliver(sub.id, SLOT, "job-1");
      // Half of what m1 showed is taken to have been shown by another message, m2.
      const other = await poster.post(channel, await replyTo("help"), {});
      const otherId = other.ok ? other.value.messageId : "";
      const [group] = corpus.figures.filter((g) => snapshot.judgementOf(g).verdict === "conflict");
      const [a, b] = group?.values ?? [];
      const last = (await store.get(sub.id))?.lastDelivery;
      if (!last) throw new Error("no delivery recorded");
      const shown = { ...last.shown };
      const was = shown[b?.id ?? ""];
      if (was) shown[b?.id ?? ""] = { ...was, message: otherId };
      await store.recordDelivery(sub.id, SLOT, { ...last, shown });
      await nextVersion((values) => {
        for (const value of values.slice(0, 2))
          value.attributedToText = "according to the ministry";
      });
      const outcome = await correct(sub.id, "fix-1");
      const posts = [...(outcome.alsoPosted ?? []), outcome].map((p) =>
        "statements" in p ? [p.replyTo, p.statements] : p.kind,
      );
      expect(posts.sort()).toEqual([
        ["m1", [a?.id]],
        [otherId, [b?.id]],
      ]);
    });

    it("gives the record's own correction reason, and keeps the revised value tied to its message", async () => {
      const { deliver, correct } = deliveryWith();
      await deliver(sub.id, SLOT, "job-1");
      const group = await nextVersion((values) => {
        const value = values[0] as Json;
        value.attributedToText = "according to the ministry";
        value.correction = "the ministry was the source";
      });
      const first = group.values[0];
      expect(await correct(sub.id, "fix-1")).toMatchObject({ kind: "posted" });
      expect(textsOf(1)?.[0]).toMatch(
        /^Corrected: .* now reads .*\. Why: the ministry was the source$/,
      );
      const shown = (await store.get(sub.id))?.lastDelivery?.shown ?? {};
      expect(shown[first?.id ?? ""]).toMatchObject({
        message: "m1",
        fingerprint: snapshot.statements().get(first?.id ?? "")?.fingerprint,
      });
    });

    it("leaves a correction whose digest was deleted to the top of the next digest", async () => {
      const { deliver, correct } = deliveryWith();
      await deliver(sub.id, SLOT, "job-1");
      await poster.deleteMessage(channel, "m1");
      await nextVersion((values) => {
        values.pop();
      });
      expect(await correct(sub.id, "fix-1")).toMatchObject({ kind: "skipped" });
      expect(poster.posts).toHaveLength(1);
      expect(await correct(sub.id, "fix-2")).toMatchObject({ kind: "skipped" });
      await deliver(sub.id, SLOT + 86_400_000, "job-2");
      expect(textsOf(1)).toHaveLength(1);
      expect(await store.get(sub.id)).toMatchObject({ paused: null });
    });

    it("reads the channel again when a digest landed while the reply to a deleted one failed", async () => {
      const { deliver, correct } = deliveryWith();
      await deliver(sub.id, SLOT, "job-1");
      await poster.deleteMessage(channel, "m1");
      await nextVersion((values) => {
        values.pop();
      });
      const original = store;
      store = {
        ...original,
        recordGone: async (...args) => {
          // The next digest is recorded first: what the failed reply was built from is stale.
          await original.recordDelivery(sub.id, SLOT + 86_400_000, {
            at: new Date(SLOT + 86_400_000).toISOString(),
            slot: SLOT + 86_400_000,
            messageId: "m-next",
            corpusVersion: snapshot.corpus.version,
            shown: {},
          });
          return original.recordGone(...args);
        },
      };
      expect(await deliveryWith().correct(sub.id, "fix-1")).toMatchObject({ kind: "retry" });
      store = original;
      // The retry finds nothing left to tell: the digest's record shows none of it.
      expect(await correct(sub.id, "fix-1")).toMatchObject({ kind: "skipped" });
      expect(poster.posts).toHaveLength(1);
    });

    it("finds a correction an attempt posted before dying, and records it instead of posting", async () => {
      const { deliver, correct } = deliveryWith();
      await deliver(sub.id, SLOT, "job-1");
      await nextVersion((values) => {
        values.pop();
      });
      // The attempt posts, then dies before recording: its claim is left, and its post is there.
      const original = store;
      store = {
        ...original,
        recordCorrection: async () => {
          throw new Error("died");
        },
      };
      await expect(deliveryWith().correct(sub.id, "fix-1")).rejects.toThrow("died");
      store = original;
      expect(poster.posts).toHaveLength(2);
      expect(await correct(sub.id, "fix-1")).toMatchObject({
        kind: "already-posted",
        messageId: "m2",
      });
      expect(poster.posts).toHaveLength(2);
      await deliver(sub.id, SLOT + 86_400_000, "job-2");
      expect(textsOf(2)).toBeUndefined();
    });

    it("has nothing to correct when nothing shown changed", async () => {
      const { deliver, correct } = deliveryWith();
      await deliver(sub.id, SLOT, "job-1");
      expect(await correct(sub.id, "fix-1")).toEqual({
        kind: "skipped",
        reason: "nothing to correct",
      });
      expect(poster.posts).toHaveLength(1);
    });
  });

  it("asks the channel first when it finds the slot free but runs late: its record may be lost", async () => {
    // Redis restarted from an append-only file that lost the slot's record: the post is there.
    poster.answerFind({ kind: "found", messageId: "m-before-the-crash" });
    clock = SLOT + 10 * 60_000;
    expect(await deliverWith()(sub.id, SLOT, "job-1")).toEqual({
      kind: "already-posted",
      messageId: "m-before-the-crash",
    });
    expect(poster.posts).toHaveLength(0);
    expect((await store.get(sub.id))?.lastDelivery?.messageId).toBe("m-before-the-crash");
  });

  it("posts late when the channel's history can never be read: lateness is only a hint", async () => {
    clock = SLOT + 10 * 60_000;
    poster.answerFind({ kind: "unknown", message: "missing_scope", lasting: true });
    expect(await deliverWith()(sub.id, SLOT, "job-1")).toMatchObject({ kind: "posted" });
    expect(poster.posts).toHaveLength(1);
  });

  it("waits, late, when reading the history only failed this time", async () => {
    clock = SLOT + 10 * 60_000;
    poster.answerFind({ kind: "unknown", message: "rate_limited" });
    expect(await deliverWith()(sub.id, SLOT, "job-1")).toMatchObject({ kind: "retry" });
    expect(poster.posts).toHaveLength(0);
  });

  it("does not ask the platform on a first attempt: a fresh claim cannot have posted", async () => {
    // Subscribed after the schedule's run before this slot: nothing is owed before it.
    await store.save({ ...sub, updatedAt: new Date(SLOT - 60_000).toISOString() });
    poster.answerFind({ kind: "unknown", message: "missing_scope" });
    expect(await deliverWith()(sub.id, SLOT, "job-1")).toMatchObject({ kind: "posted" });
  });

  it("asks the channel, on time, for a slot due before the store last restarted", async () => {
    // Subscribed just before the slot, so only the restart can cast doubt.
    await store.save({ ...sub, updatedAt: new Date(SLOT - 60_000).toISOString() });
    poster.answerFind({ kind: "found", messageId: "m-before-the-crash" });
    const deliver = (startedAt: number) =>
      digestDelivery({
        snapshots: { current: () => snapshot },
        store,
        posters: new Map([["test", poster]]),
        unschedule: async () => {},
        log: silent,
        now: () => clock,
        storeStartedAt: async () => startedAt,
      }).deliver;
    expect(await deliver(SLOT - 86_400_000)(sub.id, SLOT, "job-1")).toMatchObject({
      kind: "posted",
    });
    expect(await deliver(SLOT + 90_000)(sub.id, SLOT + 60_000, "job-2")).toEqual({
      kind: "already-posted",
      messageId: "m-before-the-crash",
    });
    expect(poster.posts).toHaveLength(1);
  });

  describe("a job on time whose subscription's last delivery is behind its schedule", () => {
    // Daily at 07:30 UTC, subscribed long before: the run before SLOT was a day earlier.
    const daily = { ...sub, cron: "30 7 * * *", label: "daily at 07:30" };
    /** The daily subscription, its last delivery (as recorded) the one at `last`. */
    const subscribedWithLast = async (last: number | null) => {
      await store.save(daily);
      if (last === null) return;
      await store.recordDelivery(sub.id, last, {
        at: new Date(last).toISOString(),
        slot: last,
        messageId: `m-${last}`,
        corpusVersion: corpus.version,
        shown: {},
      });
    };
    /** The poster's calls by name, in order: what a delivery costs the platform. */
    const counted = (p: MemoryPoster) => {
      const calls: string[] = [];
      const poster: Poster = {
        ...p,
        post: (...args) => {
          calls.push("post");
          return p.post(...args);
        },
        findPosted: (...args) => {
          calls.push("findPosted");
          return p.findPosted(...args);
        },
      };
      return { poster, calls };
    };

    it("makes one call per post when the last delivery is the schedule's previous run", async () => {
      await subscribedWithLast(SLOT - 86_400_000);
      const { poster: counting, calls } = counted(poster);
      expect(await deliverWith(counting)(sub.id, SLOT, "job-1")).toMatchObject({
        kind: "posted",
      });
      expect(calls).toEqual(["post"]);
    });

    it("makes one call per post for a subscription set after the previous run", async () => {
      await store.save({ ...daily, updatedAt: new Date(SLOT - 3_600_000).toISOString() });
      const { poster: counting, calls } = counted(poster);
      expect(await deliverWith(counting)(sub.id, SLOT, "job-1")).toMatchObject({
        kind: "posted",
      });
      expect(calls).toEqual(["post"]);
    });

    it("asks the channel first and records the post it finds, though it runs on time", async () => {
      // The previous run's record, and this slot's, were among the writes Redis lost.
      await subscribedWithLast(SLOT - 2 * 86_400_000);
      poster.answerFind({ kind: "found", messageId: "m-before-the-crash" });
      const { poster: counting, calls } = counted(poster);
      expect(await deliverWith(counting)(sub.id, SLOT, "job-1")).toEqual({
        kind: "already-posted",
        messageId: "m-before-the-crash",
      });
      expect(calls).toEqual(["findPosted"]);
      expect(poster.posts).toHaveLength(0);
      expect((await store.get(sub.id))?.lastDelivery).toMatchObject({
        slot: SLOT,
        messageId: "m-before-the-crash",
      });
    });

    it("posts after asking when the channel has no post for the slot", async () => {
      await subscribedWithLast(SLOT - 2 * 86_400_000);
      const { poster: counting, calls } = counted(poster);
      expect(await deliverWith(counting)(sub.id, SLOT, "job-1")).toMatchObject({
        kind: "posted",
      });
      expect(calls).toEqual(["findPosted", "post"]);
    });

    it("waits when the channel cannot say this time", async () => {
      await subscribedWithLast(null);
      poster.answerFind({ kind: "unknown", message: "rate_limited" });
      expect(await deliverWith()(sub.id, SLOT, "job-1")).toMatchObject({ kind: "retry" });
      expect(poster.posts).toHaveLength(0);
    });

    it("posts where the channel's history can never be read: being behind is only a hint", async () => {
      await subscribedWithLast(null);
      poster.answerFind({ kind: "unknown", message: "50001", lasting: true });
      expect(await deliverWith()(sub.id, SLOT, "job-1")).toMatchObject({ kind: "posted" });
      expect(poster.posts).toHaveLength(1);
    });

    it("tells the platform when the slot was due, so it can read the channel from then", async () => {
      await subscribedWithLast(null);
      const asked: unknown[][] = [];
      const reading: Poster = {
        ...poster,
        findPosted: (...args) => {
          asked.push(args);
          return poster.findPosted(...args);
        },
      };
      await deliverWith(reading)(sub.id, SLOT, "job-1");
      expect(asked).toEqual([[channel, key, undefined, SLOT]]);
    });
  });

  describe("a retry that finds its own claim", () => {
    beforeEach(() => claimedBy("job-1"));

    it("records the earlier post it finds instead of posting again", async () => {
      await poster.post(channel, await replyTo("help"), { idempotencyKey: key });
      expect(await deliverWith()(sub.id, SLOT, "job-1")).toEqual({
        kind: "already-posted",
        messageId: "m1",
      });
      expect(poster.posts).toHaveLength(1);
      expect(await store.slot(sub.id, SLOT)).toEqual({ state: "posted", messageId: "m1" });
      expect((await store.get(sub.id))?.lastDelivery).toMatchObject({
        slot: SLOT,
        messageId: "m1",
      });
    });

    it("posts when the platform says the earlier attempt did not", async () => {
      expect(await deliverWith()(sub.id, SLOT, "job-1")).toMatchObject({
        kind: "posted",
        messageId: "m1",
      });
      expect(poster.posts).toHaveLength(1);
    });

    it("never posts when the platform cannot tell, and keeps the claim", async () => {
      poster.answerFind({ kind: "unknown", message: "missing_scope", lasting: true });
      expect(await deliverWith()(sub.id, SLOT, "job-1")).toMatchObject({
        kind: "retry",
        message: expect.stringContaining("missing_scope"),
      });
      expect(poster.posts).toHaveLength(0);
      expect(await store.slot(sub.id, SLOT)).toMatchObject({ state: "posting", job: "job-1" });
    });

    it("posts again where the platform itself refuses duplicates (no findPosted)", async () => {
      const { findPosted: _, ...withoutFind } = poster;
      expect(await deliverWith(withoutFind)(sub.id, SLOT, "job-1")).toMatchObject({
        kind: "posted",
      });
      expect(poster.posts).toHaveLength(1);
    });
  });

  it("has a different job wait out the lease, then take the slot over", async () => {
    await claimedBy("job-1", START + 60_000);
    const deliver = deliverWith();
    expect(await deliver(sub.id, SLOT, "job-2")).toEqual({
      kind: "retry",
      message: "another job is posting this slot",
      retryAfterMs: 60_000,
    });
    expect(poster.posts).toHaveLength(0);
    clock = START + 60_001;
    expect(await deliver(sub.id, SLOT, "job-2")).toMatchObject({ kind: "posted" });
    expect(poster.posts).toHaveLength(1);
  });

  it("pauses on a permanent failure: unschedules, tells the subscriber, settles the slot", async () => {
    poster.failNextPost("permanent");
    const deliver = deliverWith();
    expect(await deliver(sub.id, SLOT, "job-1")).toEqual({
      kind: "paused",
      reason: "post.channel_not_found",
    });
    expect(unscheduled).toEqual([sub.id]);
    expect(await store.get(sub.id)).toMatchObject({
      paused: { reason: "post.channel_not_found: the channel is gone" },
      lastError: { permanent: true },
    });
    expect(poster.notices).toMatchObject([{ workspaceId: "W1", userId: "U-editor" }]);
    const notice = poster.notices[0]?.reply;
    expect(notice?.ok === false && notice.error.message).toContain("is paused");
    expect(await store.slot(sub.id, SLOT)).toEqual({
      state: "abandoned",
      reason: "post.channel_not_found",
    });
    expect(await deliver(sub.id, SLOT + 86_400_000, "job-2")).toMatchObject({ kind: "skipped" });
    expect(poster.posts).toHaveLength(0);
  });

  it("tells the channel of a pause where the platform cannot message a person", async () => {
    const { notifyUser: _, ...withoutNotify } = poster;
    poster.failNextPost("permanent");
    expect(await deliverWith(withoutNotify)(sub.id, SLOT, "job-1")).toMatchObject({
      kind: "paused",
    });
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]?.key).toBeUndefined();
  });

  it("hands back the platform's Retry-After, and posts on the next attempt", async () => {
    poster.failNextPost({ retryAfterMs: 300 });
    const deliver = deliverWith();
    expect(await deliver(sub.id, SLOT, "job-1")).toMatchObject({
      kind: "retry",
      retryAfterMs: 300,
    });
    expect(await deliver(sub.id, SLOT, "job-1")).toMatchObject({ kind: "posted" });
    expect(poster.posts).toHaveLength(1);
  });

  it("records a transient failure as the last error, and clears it once a post lands", async () => {
    poster.failNextPost("transient");
    const deliver = deliverWith();
    const outcome = await deliver(sub.id, SLOT, "job-1");
    expect(outcome).toMatchObject({
      kind: "retry",
      message: expect.stringContaining("post.network"),
    });
    expect(outcome.kind === "retry" && outcome.retryAfterMs).toBeUndefined();
    expect(await store.get(sub.id)).toMatchObject({
      paused: null,
      lastError: { permanent: false, message: expect.stringContaining("post.network") },
    });
    expect(unscheduled).toEqual([]);
    expect(await deliver(sub.id, SLOT, "job-1")).toMatchObject({ kind: "posted" });
    expect((await store.get(sub.id))?.lastError).toBeNull();
  });

  it("skips a subscription that is gone or paused, posting nothing", async () => {
    await store.remove(sub);
    expect(await deliverWith()(sub.id, SLOT, "job-1")).toEqual({
      kind: "skipped",
      reason: "unsubscribed",
    });
    await store.save({ ...sub, paused: { reason: "post.auth: revoked", at: "2026-03-01" } });
    expect(await deliverWith()(sub.id, SLOT, "job-1")).toEqual({
      kind: "skipped",
      reason: "paused: post.auth: revoked",
    });
    expect(poster.posts).toHaveLength(0);
  });

  it("keeps the claim and hands the job back where this process has no poster for the platform", async () => {
    expect(await deliverWith(null)(sub.id, SLOT, "job-1")).toMatchObject({
      kind: "retry",
      retryAfterMs: 30_000,
    });
    expect(await store.slot(sub.id, SLOT)).toMatchObject({ state: "posting", job: "job-1" });
    expect(await deliverWith()(sub.id, SLOT, "job-1")).toMatchObject({ kind: "posted" });
  });
});
