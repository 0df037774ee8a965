import { pino } from "pino";
import { describe, expect, it } from "vitest";
import {
  type ShownStatement,
  type ShownStatements,
  staleShown,
  statementsShown,
} from "../../src/core/answers/digest.ts";
import { validateCorpus } from "../../src/core/corpus/validate.ts";
import { buildSnapshot, type CorpusSnapshot } from "../../src/core/snapshot.ts";
import { readCorpusFiles } from "../../src/corpus/files.ts";
import { queueCorrections } from "../../src/digests/corrections.ts";
import { digestDelivery } from "../../src/digests/deliver.ts";
import { CORRECT_JOB } from "../../src/digests/queue.ts";
import { subscriptionId } from "../../src/digests/subscription.ts";
import { memoryDigestService } from "../../src/ports/digest-service.ts";
import { type DigestStore, memoryDigestStore } from "../../src/ports/digest-store.ts";
import { type MemoryPoster, memoryPoster } from "../../src/ports/poster.ts";
import { subscription } from "../ports/digest-store.contract.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { type Json, withEdit } from "../support/corpus-edit.ts";
import { correctionQueue } from "../support/correction-queue.ts";
import { replyTo, testCaller, testResponder } from "../support/responder.ts";

const SLOT = Date.UTC(2026, 2, 22, 7, 30);

describe("queueing corrections", () => {
  it("queues one job per channel owed a correction, once per version across callers", async () => {
    const v1 = await bundledSnapshot();
    const store = memoryDigestStore();
    const shown = subscription("C1");
    const quiet = subscription("C2");
    await store.save(shown);
    await store.save(quiet);
    const { deliver } = digestDelivery({
      snapshots: { current: () => v1 },
      store,
      posters: new Map([["test", memoryPoster("test")]]),
      unschedule: async () => {},
      log: pino({ level: "silent" }),
      now: () => SLOT,
    });
    await deliver(shown.id, SLOT, "job-1");
    const [group] = v1.corpus.figures.filter((g) => v1.judgementOf(g).verdict === "conflict");
    const opened = validateCorpus(
      withEdit(await readCorpusFiles(), "figures.json", (groups) => {
        ((groups.find((g) => g.id === group?.id) as Json).values as Json[]).pop();
      }),
    );
    if (!opened.ok) throw new Error("edited corpus invalid");
    const v2 = buildSnapshot(opened.value.corpus, undefined, {
      seq: 2,
      publishedAt: "2026-03-23T10:00:00Z",
      by: "desk",
      note: "withdrawn",
    });
    const { queue, jobs } = correctionQueue();
    expect(await queueCorrections({ store, queue }, v1)).toBe(0);
    expect(await queueCorrections({ store, queue }, v2)).toBe(1);
    expect(jobs).toEqual([
      {
        name: CORRECT_JOB,
        data: { subscriptionId: shown.id, seq: 2 },
        opts: expect.objectContaining({ jobId: `fix|test|W1|C1|${v2.corpus.version}` }),
      },
    ]);
    // A second process seeing the same version, or one still on the older one, queues nothing.
    expect(await queueCorrections({ store, queue }, v2)).toBe(0);
    expect(await queueCorrections({ store, queue }, v1)).toBe(0);
    expect(jobs).toHaveLength(1);
  });
});

describe("corrections of shared answers", () => {
  const quiet = pino({ level: "silent" });
  const channel = { platform: "test", workspaceId: "W1", channelId: "C5" };
  const id = subscriptionId(channel);

  /** v1, and v2 withdrawing the last value of the injured toll, which `figure crocus injured` shows. */
  async function versions() {
    const v1 = await bundledSnapshot();
    const group = v1.corpus.figures.find((g) => g.id === "crocus-injured");
    const withdrawn = group?.values.at(-1)?.id as string;
    const opened = validateCorpus(
      withEdit(await readCorpusFiles(), "figures.json", (groups) => {
        const edited = groups.find((g) => g.id === group?.id) as Json;
        edited.values = (edited.values as Json[]).filter((v) => v.id !== withdrawn);
      }),
    );
    if (!opened.ok) throw new Error("edited corpus invalid");
    const v2 = buildSnapshot(opened.value.corpus, undefined, {
      seq: 2,
      publishedAt: "2026-03-23T10:00:00Z",
      by: "desk",
      note: "the value was misread",
    });
    return { v1, v2, withdrawn };
  }

  /** A share of `text` answered from v1 and posted to the channel, recorded as the responder does. */
  async function shareTo(
    store: DigestStore,
    poster: MemoryPoster,
    v1: CorpusSnapshot,
    text = "figure crocus injured",
  ) {
    const service = memoryDigestService();
    const answer = await testResponder(v1, service).answer({
      caller: testCaller(channel),
      input: { text },
      via: "share",
    });
    const posted = await poster.post(channel, answer.reply);
    if (!posted.ok) throw new Error("share not posted");
    await answer.shared?.(posted.value.messageId);
    const [recorded] = service.shares;
    if (!recorded) throw new Error("share not recorded");
    await store.recordShare(recorded.channel, recorded.messageId, recorded.shown);
    return posted.value.messageId;
  }

  /** A subscription of the channel whose last digest, posted as "digest-1" from v1, showed `shown`. */
  async function digested(store: DigestStore, v1: CorpusSnapshot, shown: ShownStatements = {}) {
    const sub = subscription("C5");
    await store.save(sub);
    await store.recordDelivery(sub.id, SLOT, {
      at: new Date(SLOT).toISOString(),
      slot: SLOT,
      messageId: "digest-1",
      corpusVersion: v1.corpus.version,
      shown,
    });
    return sub;
  }

  function setup(current: () => CorpusSnapshot) {
    const store = memoryDigestStore();
    const poster = memoryPoster("test");
    const { queue, queued } = correctionQueue();
    const delivery = digestDelivery({
      snapshots: { current },
      store,
      posters: new Map([["test", poster]]),
      unschedule: async () => {},
      log: quiet,
      now: () => SLOT,
    });
    return { store, poster, queue, queued, delivery };
  }

  it("replies once in the share's thread in a channel with no digest, naming what was withdrawn and why", async () => {
    const { v1, v2, withdrawn } = await versions();
    let current = v1;
    const { store, poster, queue, queued, delivery } = setup(() => current);
    const share = await shareTo(store, poster, v1);
    expect((await store.shared(id))?.shown[withdrawn]).toMatchObject({ message: share });
    current = v2;
    expect(await queueCorrections({ store, queue }, v2)).toBe(1);
    expect(queued).toEqual([id]);
    expect(await delivery.correct(id, "fix-1")).toMatchObject({ kind: "posted" });
    // A retry, a second worker: nothing more.
    expect(await delivery.correct(id, "fix-1")).toMatchObject({ kind: "skipped" });
    expect(await delivery.correct(id, "fix-2")).toMatchObject({ kind: "skipped" });
    const replies = poster.posts.filter((p) => p.replyTo === share);
    expect(replies).toHaveLength(1);
    const text = JSON.stringify(replies[0]?.reply.answer);
    expect(text).toContain("Withdrawn");
    expect(text).toContain("the value was misread");
    expect((await store.shared(id))?.shown[withdrawn]).toBeUndefined();
  });

  it("tells a channel once when its digest and a shared answer showed the same statement", async () => {
    const { v1, v2, withdrawn } = await versions();
    let current = v1;
    const { store, poster, queue, delivery } = setup(() => current);
    const sub = await digested(store, v1, {
      [withdrawn]: {
        ...statementsShown(v1, await replyTo("figure crocus injured"))[withdrawn],
        message: "digest-1",
      } as ShownStatement,
    });
    const share = await shareTo(store, poster, v1);
    current = v2;
    expect(await queueCorrections({ store, queue }, v2)).toBe(1);
    expect(await delivery.correct(sub.id, "fix-1")).toMatchObject({ kind: "posted" });
    const corrections = poster.posts.filter((p) => p.replyTo !== undefined);
    expect(corrections.map((p) => p.replyTo)).toEqual([share]);
    // Both records are settled: the next digest has nothing left to correct either.
    expect((await store.get(sub.id))?.lastDelivery?.shown[withdrawn]).toBeUndefined();
    expect(staleShown(v2, (await store.get(sub.id))?.lastDelivery?.shown ?? {})).toEqual([]);
  });

  it("settles a share's statement when the channel's next digest told its correction first", async () => {
    const { v1, v2, withdrawn } = await versions();
    let current = v1;
    const { store, poster, queue, queued, delivery } = setup(() => current);
    const sub = subscription("C5");
    await store.save(sub);
    await delivery.deliver(sub.id, SLOT, "digest-1");
    expect((await store.get(sub.id))?.lastDelivery?.shown[withdrawn]).toBeDefined();
    const share = await shareTo(store, poster, v1);
    current = v2;
    // The next slot comes before the correction job: the digest opens with the correction.
    const next = await delivery.deliver(sub.id, SLOT + 86_400_000, "digest-2");
    expect(next).toMatchObject({ kind: "posted" });
    const digest = poster.posts.at(-1);
    expect(JSON.stringify(digest?.reply.answer)).toContain("Withdrawn");
    expect((await store.shared(id))?.shown[withdrawn]).toBeUndefined();
    expect(await queueCorrections({ store, queue }, v2)).toBe(0);
    expect(queued).toEqual([]);
    expect(await delivery.correct(sub.id, "fix-1")).toMatchObject({ kind: "skipped" });
    expect(poster.posts.filter((p) => p.replyTo === share)).toEqual([]);
  });

  it("posts a correction of its own, once, when the shared answer was deleted in a channel with no digest", async () => {
    const { v1, v2, withdrawn } = await versions();
    let current = v1;
    const { store, poster, queue, delivery } = setup(() => current);
    const share = await shareTo(store, poster, v1);
    await poster.deleteMessage(channel, share);
    current = v2;
    expect(await queueCorrections({ store, queue }, v2)).toBe(1);
    const posted = await delivery.correct(id, "fix-1");
    // Reported (and audited) as a correction, though it replies to nothing.
    expect(posted).toMatchObject({ kind: "posted", correction: true });
    expect(posted).not.toHaveProperty("replyTo");
    // A retry, a second worker: nothing more.
    expect(await delivery.correct(id, "fix-1")).toMatchObject({ kind: "skipped" });
    expect(await delivery.correct(id, "fix-2")).toMatchObject({ kind: "skipped" });
    const corrections = poster.posts.slice(1);
    expect(corrections).toHaveLength(1);
    expect(corrections[0]?.replyTo).toBeUndefined();
    expect(corrections[0]?.reply.answer?.summary).toBe(
      "1 statement Factdesk posted in this channel changed in the corpus since; the message that showed it was deleted.",
    );
    const text = JSON.stringify(corrections[0]?.reply.answer);
    expect(text).toContain("Withdrawn");
    expect(text).toContain("the value was misread");
    expect((await store.shared(id))?.shown[withdrawn]).toBeUndefined();
  });

  it("carries a deleted share's correction to the top of the channel's next digest, once", async () => {
    const { v1, v2, withdrawn } = await versions();
    let current = v1;
    const { store, poster, queue, delivery } = setup(() => current);
    // The channel's digest showed nothing of it; only the share did.
    const sub = await digested(store, v1);
    const share = await shareTo(store, poster, v1);
    await poster.deleteMessage(channel, share);
    current = v2;
    expect(await queueCorrections({ store, queue }, v2)).toBe(1);
    expect(await delivery.correct(sub.id, "fix-1")).toMatchObject({
      kind: "skipped",
      reason: "the message to reply to is gone",
    });
    expect(poster.posts).toHaveLength(1);
    // Owed to the next digest, with no message to reply to: no later sweep tries the share again.
    expect((await store.get(sub.id))?.lastDelivery?.shown[withdrawn]).toEqual({
      fingerprint: v1.statements().get(withdrawn)?.fingerprint,
      text: v1.statements().get(withdrawn)?.text,
    });
    expect((await store.shared(id))?.shown[withdrawn]?.message).toBeUndefined();
    expect(await delivery.correct(sub.id, "fix-2")).toMatchObject({ kind: "skipped" });
    expect(poster.posts).toHaveLength(1);

    expect(await delivery.deliver(sub.id, SLOT + 86_400_000, "digest-2")).toMatchObject({
      kind: "posted",
    });
    const digest = poster.posts.at(-1)?.reply.answer;
    expect(digest?.sections[0]?.heading).toBe("Corrections");
    expect(JSON.stringify(digest?.sections[0])).toContain("Withdrawn");
    expect((await store.get(sub.id))?.lastDelivery?.shown[withdrawn]).toBeUndefined();
    expect((await store.shared(id))?.shown[withdrawn]).toBeUndefined();
    await delivery.deliver(sub.id, SLOT + 2 * 86_400_000, "digest-3");
    expect(JSON.stringify(poster.posts.at(-1)?.reply.answer)).not.toContain("Withdrawn");
  });

  it("corrects a paused channel: in the thread of what it showed, or on its own when that was deleted", async () => {
    const { v1, v2, withdrawn } = await versions();
    let current = v1;
    const { store, poster, queue, queued, delivery } = setup(() => current);
    const paused = { reason: "post.auth: revoked", at: "2026-03-22T08:00:00.000Z" };
    const lastError = { at: paused.at, message: paused.reason, permanent: true };
    const kept = subscription("C5");
    const deleted = subscription("C6");
    const closed = subscription("C7");
    for (const sub of [kept, deleted, closed]) {
      await store.save(sub);
      expect(await delivery.deliver(sub.id, SLOT, `digest-${sub.channelId}`)).toMatchObject({
        kind: "posted",
      });
      expect((await store.get(sub.id))?.lastDelivery?.shown[withdrawn]).toBeDefined();
      await store.update(sub.id, (s) => ({ ...s, paused, lastError }));
    }
    const [keptDigest, deletedDigest] = poster.posts.map((p) => p.id);
    await poster.deleteMessage(deleted, deletedDigest as string);
    current = v2;
    expect(await queueCorrections({ store, queue }, v2)).toBe(3);
    expect(queued.sort()).toEqual([kept.id, deleted.id, closed.id]);
    expect(await delivery.correct(kept.id, "fix-1")).toMatchObject({ kind: "posted" });
    expect(await delivery.correct(deleted.id, "fix-1")).toMatchObject({ kind: "posted" });
    expect(await delivery.correct(deleted.id, "fix-2")).toMatchObject({ kind: "skipped" });
    // A channel gone for good is not paused again, nor its subscriber told again.
    poster.failNextPost("permanent");
    expect(await delivery.correct(closed.id, "fix-1")).toMatchObject({
      kind: "skipped",
      reason: "post.channel_not_found",
    });
    const [reply, alone, ...more] = poster.posts.slice(3);
    expect(more).toEqual([]);
    expect(reply).toMatchObject({ replyTo: keptDigest, channel: { channelId: "C5" } });
    expect(alone?.channel.channelId).toBe("C6");
    expect(alone?.replyTo).toBeUndefined();
    expect(JSON.stringify(alone?.reply.answer)).toContain("Withdrawn");
    // Still paused, as it was: no digest, no notice, the pause's reason kept.
    for (const sub of [kept, deleted, closed]) {
      expect(await store.get(sub.id)).toMatchObject({ paused, lastError });
      const stale = staleShown(v2, (await store.get(sub.id))?.lastDelivery?.shown ?? {});
      expect(stale).toEqual(sub === closed ? [withdrawn] : []);
      expect(await delivery.deliver(sub.id, SLOT + 86_400_000, "digest-2")).toMatchObject({
        kind: "skipped",
      });
    }
    expect(poster.notices).toEqual([]);
  });

  it("owes nothing for a share as it reads now, nor for a share no version changed", async () => {
    const { v1, v2 } = await versions();
    const { store, poster, queue, queued } = setup(() => v2);
    await shareTo(store, poster, v2);
    await shareTo(store, poster, v1, "actor rahmon");
    expect(await queueCorrections({ store, queue }, v2)).toBe(0);
    expect(queued).toEqual([]);
  });
});

describe("what a shared answer showed", () => {
  it("is every statement its reply stands on, as worded in its version; an error shows none", async () => {
    const v1 = await bundledSnapshot();
    const shown = statementsShown(v1, await replyTo("figure crocus injured"));
    const group = v1.corpus.figures.find((g) => g.id === "crocus-injured");
    expect(Object.keys(shown).sort()).toEqual(group?.values.map((v) => v.id).sort());
    for (const [id, st] of Object.entries(shown)) {
      expect(st).toEqual({
        fingerprint: v1.statements().get(id)?.fingerprint,
        text: v1.statements().get(id)?.text,
      });
    }
    expect(statementsShown(v1, await replyTo("actor nobody-at-all"))).toEqual({});
  });

  it("is recorded only for a share, and only when digests are on", async () => {
    const v1 = await bundledSnapshot();
    const service = memoryDigestService();
    const ask = (via?: "button" | "share", digests: typeof service | null = service) =>
      testResponder(v1, digests).answer({
        caller: testCaller(),
        input: { text: "figure crocus injured" },
        ...(via ? { via } : {}),
      });
    expect((await ask()).shared).toBeUndefined();
    expect((await ask("button")).shared).toBeUndefined();
    expect((await ask("share", null)).shared).toBeUndefined();
    await (await ask("share")).shared?.("m-9");
    expect(service.shares).toEqual([
      {
        channel: { platform: "test", workspaceId: "W1", channelId: "C1" },
        messageId: "m-9",
        shown: statementsShown(v1, await replyTo("figure crocus injured")),
      },
    ]);
  });
});
