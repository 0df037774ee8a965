import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { type ShownStatement, staleShown, statementsShown } from "../../src/core/answers/digest.ts";
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
    const queued: Array<{ name: string; data: unknown; opts?: { jobId?: string } }> = [];
    const queue = {
      addBulk: async (jobs: typeof queued) => {
        queued.push(...jobs);
        return [];
      },
    } as unknown as Parameters<typeof queueCorrections>[0]["queue"];
    expect(await queueCorrections({ store, queue }, v1)).toBe(0);
    expect(await queueCorrections({ store, queue }, v2)).toBe(1);
    expect(queued).toEqual([
      {
        name: CORRECT_JOB,
        data: { subscriptionId: shown.id, seq: 2 },
        opts: expect.objectContaining({ jobId: `fix|test|W1|C1|${v2.corpus.version}` }),
      },
    ]);
    // A second process seeing the same version, or one still on the older one, queues nothing.
    expect(await queueCorrections({ store, queue }, v2)).toBe(0);
    expect(await queueCorrections({ store, queue }, v1)).toBe(0);
    expect(queued).toHaveLength(1);
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

  function setup(current: () => CorpusSnapshot) {
    const store = memoryDigestStore();
    const poster = memoryPoster("test");
    const queued: string[] = [];
    const queue = {
      addBulk: async (jobs: Array<{ data: { subscriptionId: string } }>) => {
        queued.push(...jobs.map((j) => j.data.subscriptionId));
        return [];
      },
    } as unknown as Parameters<typeof queueCorrections>[0]["queue"];
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
    const sub = subscription("C5");
    await store.save(sub);
    await store.recordDelivery(sub.id, SLOT, {
      at: new Date(SLOT).toISOString(),
      slot: SLOT,
      messageId: "digest-1",
      corpusVersion: v1.corpus.version,
      shown: {
        [withdrawn]: {
          ...statementsShown(v1, await replyTo("figure crocus injured"))[withdrawn],
          message: "digest-1",
        } as ShownStatement,
      },
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
