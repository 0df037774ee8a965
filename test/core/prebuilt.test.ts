import { beforeAll, describe, expect, it } from "vitest";
import type { Corpus } from "../../src/core/corpus/types.ts";
import { findMentions } from "../../src/core/mentions.ts";
import {
  buildPrebuilt,
  decodePrebuilt,
  encodePrebuilt,
  type Prebuilt,
} from "../../src/core/prebuilt.ts";
import { searchIndex } from "../../src/core/search/bm25.ts";
import { encodeSearchIndex } from "../../src/core/search/persist.ts";
import { buildSnapshot } from "../../src/core/snapshot.ts";
import { bundledCorpus } from "../support/corpus.ts";

describe("prebuilt indexes", () => {
  let corpus: Corpus;
  let built: Required<Prebuilt>;
  beforeAll(async () => {
    corpus = await bundledCorpus();
    built = buildPrebuilt(corpus);
  });

  it("holds every actor's mentions as the snapshot works them out", () => {
    expect([...built.mentions.byActor.keys()]).toEqual(corpus.actors.map((a) => a.id));
    const served = buildSnapshot(corpus, built);
    const plain = buildSnapshot(corpus);
    for (const actor of corpus.actors) {
      expect(served.mentionsOf(actor.id), actor.id).toEqual(plain.mentionsOf(actor.id));
    }
    expect(served.mentionsOf("isis-k").length).toBeGreaterThan(0);
  });

  it("gives the same search results and mentions after a round trip through its bytes", () => {
    const restored = decodePrebuilt(encodePrebuilt(built));
    if (!restored) throw new Error("the bytes did not decode");
    for (const q of ["tajik diaspora", "amaq", "crocus city hall"]) {
      expect(searchIndex(restored.search, q, 5)).toEqual(searchIndex(built.search, q, 5));
    }
    expect(restored.mentions?.version).toBe(corpus.version);
    expect(restored.mentions?.articles).toBe(corpus.articles.length);
    expect(new Map([...(restored.mentions?.byActor ?? [])].map(([id, l]) => [id, [...l]]))).toEqual(
      new Map([...built.mentions.byActor].map(([id, l]) => [id, [...l]])),
    );
  });

  it("is what a snapshot answers mentions from, not worked out again", () => {
    const actor = corpus.actors.find((a) => findMentions(corpus, built.search, a.id).length > 1);
    if (!actor) throw new Error("an actor named in two articles expected");
    const byActor = new Map(built.mentions.byActor);
    byActor.set(actor.id, Uint32Array.of(0));
    const planted = buildSnapshot(corpus, { ...built, mentions: { ...built.mentions, byActor } });
    expect(planted.mentionsOf(actor.id)).toEqual([corpus.articles[0]?.id]);
  });

  it("ignores mentions made for another corpus version or another number of articles", () => {
    const actor = corpus.actors[0];
    if (!actor) throw new Error("an actor expected");
    const byActor = new Map([[actor.id, Uint32Array.of(0)]]);
    const worked = findMentions(corpus, built.search, actor.id);
    expect(worked).not.toEqual([corpus.articles[0]?.id]);
    for (const other of [
      { version: "000000000000", articles: corpus.articles.length, byActor },
      { version: corpus.version, articles: corpus.articles.length + 1, byActor },
    ]) {
      const snapshot = buildSnapshot(corpus, { search: built.search, mentions: other });
      expect(snapshot.mentionsOf(actor.id)).toEqual(worked);
    }
  });

  it("reads a bare search index (what versions held before) as the search index alone", () => {
    const bare = decodePrebuilt(encodeSearchIndex(built.search));
    expect(bare && Object.keys(bare)).toEqual(["search"]);
    expect(searchIndex(bare?.search as typeof built.search, "amaq", 5)).toEqual(
      searchIndex(built.search, "amaq", 5),
    );
  });

  it("reads a truncated buffer or an out-of-range mention as nothing", () => {
    const bytes = encodePrebuilt(built);
    expect(decodePrebuilt(bytes.subarray(0, bytes.length - 4))).toBeNull();
    expect(decodePrebuilt(bytes.subarray(0, 6))).toBeNull();
    const wrong = { ...built.mentions, articles: 1 };
    expect([...built.mentions.byActor.values()].some((l) => l.some((i) => i >= 1))).toBe(true);
    expect(decodePrebuilt(encodePrebuilt({ ...built, mentions: wrong }))).toBeNull();
    // A header written without the corpus version (an earlier layout) is not taken as this one.
    const unversioned = { ...built.mentions, version: undefined as unknown as string };
    expect(decodePrebuilt(encodePrebuilt({ ...built, mentions: unversioned }))).toBeNull();
  });
});
