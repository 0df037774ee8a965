import { Writable } from "node:stream";
import { pino } from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPublishedCorpus } from "../../src/core/corpus/validate.ts";
import { buildPrebuilt, encodePrebuilt } from "../../src/core/prebuilt.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { followCorpus } from "../../src/corpus/follow.ts";
import { snapshotHolder } from "../../src/corpus/holder.ts";
import { openStoredVersion } from "../../src/corpus/open.ts";
import {
  type CorpusStore,
  type Draft,
  STORE_FORMAT,
  type StoredVersion,
} from "../../src/ports/corpus-store.ts";
import { type DigestService, memoryDigestService } from "../../src/ports/digest-service.ts";
import { type MemoryBacking, memoryCorpusStore } from "../../src/ports/memory-corpus-store.ts";
import { testDrafts } from "../support/drafts.ts";
import { testCaller, testResponderOn } from "../support/responder.ts";

/** A logger whose lines the test reads. */
function recordingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), lines };
}

const publish = async (store: CorpusStore, draft: Draft, note = "") => {
  const published = await store.publish(draft, { parent: "current", by: "ana", note });
  if (!published.ok) throw new Error(published.error.message);
  return published.value.version.seq;
};

async function opened(store: CorpusStore): Promise<CorpusSnapshot> {
  const current = await store.current();
  if (!current.ok || !current.value) throw new Error("nothing published");
  const result = openStoredVersion(current.value);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.snapshot;
}

describe("followCorpus", () => {
  let drafts: { first: Draft; second: Draft; third: Draft };
  let backing: MemoryBacking;
  let store: CorpusStore;
  beforeAll(async () => {
    drafts = await testDrafts();
  });

  /** A store holding the first draft as v1, and a holder serving it. */
  async function serving() {
    backing = { versions: [], checks: new Set() };
    store = memoryCorpusStore(backing);
    await publish(store, drafts.first);
    const holder = snapshotHolder(await opened(store));
    const { log, lines } = recordingLog();
    const opens: number[] = [];
    const swapped: number[] = [];
    const follower = followCorpus({
      store,
      holder,
      log,
      onSwap: (seq) => swapped.push(seq),
      open: (version: StoredVersion, previous) => {
        opens.push(version.seq);
        const result = openStoredVersion(version, previous);
        return result.ok ? { ok: true, value: result.value.snapshot } : result;
      },
    });
    await follower.settled();
    return { holder, follower, lines, opens, swapped };
  }

  const swaps = (lines: Array<Record<string, unknown>>) =>
    lines.filter((l) => l.msg === "corpus version swapped in");
  const settle = async (follower: { settled(): Promise<void> }) => {
    // The store announces on a microtask, the follower starts on the next turn.
    await new Promise((r) => setImmediate(r));
    await follower.settled();
  };

  it("swaps in a newly published version and logs one line with its seq, hash and load time", async () => {
    const { holder, follower, lines, swapped } = await serving();
    expect(follower.status()).toEqual({ seq: 1, hash: drafts.first.hash });
    await publish(store, drafts.second, "reworded");
    await settle(follower);
    expect(holder.current().corpus.version).toBe(drafts.second.hash);
    expect(holder.current().release).toMatchObject({ seq: 2, note: "reworded" });
    expect(follower.status()).toEqual({ seq: 2, hash: drafts.second.hash });
    const [swap] = swaps(lines);
    expect(swap).toMatchObject({ seq: 2, hash: drafts.second.hash });
    expect(typeof swap?.ms).toBe("number");
    expect(swaps(lines)).toHaveLength(1);
    expect(swapped).toEqual([2]);
    follower.stop();
  });

  it("reads only the raw texts it does not hold already", async () => {
    const { holder, follower } = await serving();
    const read: number[] = [];
    const get = store.get;
    store.get = async (seq, options) => {
      const got = await get(seq, options);
      if (got.ok) read.push(Object.keys(got.value.content.files.texts).length);
      return got;
    };
    const before = holder.current().corpus.articles.map((a) => a.text);
    await publish(store, drafts.second, "reworded");
    await settle(follower);
    expect(holder.current().corpus.version).toBe(drafts.second.hash);
    // A summary was reworded: every text is held, none read, and the cleaned texts carry over.
    expect(read).toEqual([0]);
    expect(holder.current().corpus.articles.map((a) => a.text)).toEqual(before);
    follower.stop();
  });

  it("reads every text again when one it holds cannot be reused (its removals changed)", async () => {
    const { holder, follower, lines } = await serving();
    const first = holder.current().corpus.articles.map((a) => a.text);
    const files = drafts.first.content.files;
    const articles = JSON.parse(files.json["articles.json"] as string) as Array<{
      removals: unknown[];
    }>;
    const edited = articles.findIndex((a) => a.removals.length > 0);
    (articles[edited] as { removals: unknown[] }).removals = [];
    // The text a removal took out may break a check: what matters here is how it loads.
    const edit = { ...files, json: { ...files.json, "articles.json": JSON.stringify(articles) } };
    const loaded = loadPublishedCorpus(edit);
    if (!loaded.ok) throw new Error(loaded.error[0]?.message);
    const draft = {
      hash: loaded.value.version,
      content: { files: edit, index: encodePrebuilt(buildPrebuilt(loaded.value)) },
    };
    await publish(store, draft, "removals undone");
    await settle(follower);
    const had = (await opened(store)).corpus.articles.map((a) => a.text);
    expect(holder.current().corpus.version).toBe(draft.hash);
    // Served as a process reading every text from scratch serves it, not with the old cleaning.
    const served = holder.current().corpus.articles.map((a) => a.text);
    expect(served).toEqual(had);
    expect(served[edited]).not.toBe(first[edited]);
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    follower.stop();
  });

  it("refuses a version that fails to load, keeps serving the old one and says it is behind", async () => {
    const { holder, follower, lines, opens } = await serving();
    const before = holder.current();
    // Content that does not hash to the version it claims: what a tampered store would hold.
    await publish(store, { hash: drafts.second.hash, content: drafts.third.content });
    await settle(follower);
    expect(holder.current()).toBe(before);
    // Refused at once: reading every text again is only for a held text that cannot be reused.
    expect(opens.filter((seq) => seq === 2)).toHaveLength(1);
    expect(follower.status()).toMatchObject({
      seq: 1,
      hash: drafts.first.hash,
      behind: { seq: 2, code: "store.hash_mismatch" },
    });
    expect(
      lines.find((l) => l.msg === "corpus version refused: still serving the one loaded"),
    ).toMatchObject({ level: 50, seq: 2, serving: 1, code: "store.hash_mismatch" });
    // A good version after it is served, and the process is no longer behind.
    await publish(store, drafts.first);
    await settle(follower);
    expect(follower.status()).toEqual({ seq: 3, hash: drafts.first.hash });
    follower.stop();
  });

  it("loads only the latest of a burst of publishes", async () => {
    const { holder, follower, lines, opens } = await serving();
    await publish(store, drafts.second);
    await publish(store, drafts.third);
    await publish(store, drafts.second, "the last of three");
    await settle(follower);
    expect(opens).toEqual([4]);
    expect(swaps(lines).map((l) => l.seq)).toEqual([4]);
    expect(holder.current().release).toMatchObject({ seq: 4, note: "the last of three" });
    follower.stop();
  });

  it("keeps serving when a version is in a newer format (a rolling upgrade) and logs why", async () => {
    const { holder, follower, lines } = await serving();
    const newer = memoryCorpusStore(backing, { writeFormat: STORE_FORMAT + 1 });
    await publish(newer, drafts.second);
    await settle(follower);
    expect(holder.current().corpus.version).toBe(drafts.first.hash);
    expect(follower.status().behind).toMatchObject({ seq: 2, code: "store.newer_format" });
    const line = lines.find((l) => l.code === "store.newer_format");
    expect(line?.msg).toMatch(/newer format: still serving/);
    expect(String(line?.reason)).toMatch(/upgrade Factdesk/);
    follower.stop();
  });

  it("lets a request in flight finish on the version it started with", async () => {
    const { holder, follower } = await serving();
    let release = () => {};
    const waiting = new Promise<void>((resolve) => {
      release = resolve;
    });
    const memory = memoryDigestService();
    const digests: DigestService = {
      ...memory,
      forChannel: async (channel) => {
        await waiting;
        return memory.forChannel(channel);
      },
    };
    const responder = testResponderOn(holder, digests);
    const inFlight = responder.answer({
      caller: testCaller(),
      input: { text: "digest list" },
    });
    await publish(store, drafts.second);
    await settle(follower);
    expect(holder.current().corpus.version).toBe(drafts.second.hash);
    release();
    expect((await inFlight).reply.corpusVersion).toBe(drafts.first.hash);
    const next = await responder.answer({ caller: testCaller(), input: { text: "help" } });
    expect(next.reply.corpusVersion).toBe(drafts.second.hash);
    follower.stop();
  });

  it("stops following when stopped", async () => {
    const { holder, follower } = await serving();
    follower.stop();
    await publish(store, drafts.second);
    await settle(follower);
    expect(holder.current().corpus.version).toBe(drafts.first.hash);
  });
});
