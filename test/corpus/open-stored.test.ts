import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/corpus/schema.ts";
import type { LoadedArticle } from "../../src/core/corpus/types.ts";
import { encodePrebuilt } from "../../src/core/prebuilt.ts";
import { buildSearchIndex, passageCount, searchIndex } from "../../src/core/search/bm25.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { openStoredVersion, openStoredVersionStepwise } from "../../src/corpus/open.ts";
import type { Draft, StoredVersion } from "../../src/ports/corpus-store.ts";
import { STORE_FORMAT } from "../../src/ports/corpus-store.ts";
import { prepareDraft } from "../../src/store/draft.ts";
import { reworded, testDrafts } from "../support/drafts.ts";

const emptyMentions = ({ corpus }: CorpusSnapshot) => ({
  version: corpus.version,
  articles: corpus.articles.length,
  byActor: new Map(),
});

const stored = (draft: Draft, overrides: Partial<Draft["content"]> = {}): StoredVersion => ({
  seq: 1,
  hash: draft.hash,
  parent: null,
  publishedAt: "2026-01-01T00:00:00.000Z",
  by: "ana",
  note: "",
  format: STORE_FORMAT,
  content: { ...draft.content, ...overrides },
});

describe("openStoredVersion", () => {
  let draft: Draft;
  beforeAll(async () => {
    draft = (await testDrafts()).first;
  });

  it("loads a published version with the index built at publish", () => {
    const opened = openStoredVersion(stored(draft));
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.indexRebuilt).toBe(false);
    expect(opened.value.snapshot.corpus.version).toBe(draft.hash);
    expect(passageCount(opened.value.snapshot.search)).toBeGreaterThan(0);
  });

  it("refuses content that does not hash to the version it was published as", () => {
    const altered = stored(draft, { files: reworded(draft.content.files) });
    expect(openStoredVersion(altered)).toMatchObject({
      ok: false,
      error: { code: "store.hash_mismatch" },
    });
  });

  it("refuses a raw text altered after its hash was recorded", () => {
    const [id, text] = Object.entries(draft.content.files.texts)[0] as [string, string];
    const files = {
      ...draft.content.files,
      texts: { ...draft.content.files.texts, [id]: `${text}!` },
    };
    const opened = openStoredVersion(stored(draft, { files }));
    expect(opened).toMatchObject({ ok: false, error: { code: "store.invalid" } });
    expect(opened.ok || opened.error.message).toContain("[corpus.hash_mismatch]");
  });

  it("rebuilds an index it cannot read, rather than refusing the version", () => {
    const opened = openStoredVersion(stored(draft, { index: new Uint8Array(16) }));
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.indexRebuilt).toBe(true);
    expect(passageCount(opened.value.snapshot.search)).toBeGreaterThan(0);
  });
});

describe("openStoredVersionStepwise", () => {
  let drafts: Awaited<ReturnType<typeof testDrafts>>;
  beforeAll(async () => {
    drafts = await testDrafts();
  });

  it("opens what openStoredVersion opens, handing the event loop turns between its steps", async () => {
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const opened = await openStoredVersionStepwise(stored(drafts.first), undefined, 0);
    ticking = false;
    if (!opened.ok) throw new Error(opened.error.message);
    const whole = openStoredVersion(stored(drafts.first));
    if (!whole.ok) throw new Error(whole.error.message);
    // With no time allowed per slice, each step is followed by a turn.
    expect(turns).toBeGreaterThan(10);
    expect(opened.value.snapshot.corpus.version).toBe(whole.value.snapshot.corpus.version);
    expect(opened.value.snapshot.corpus.articles.map((a) => a.text)).toEqual(
      whole.value.snapshot.corpus.articles.map((a) => a.text),
    );
    expect(searchIndex(opened.value.snapshot.search, "tajik migrants", 5)).toEqual(
      searchIndex(whole.value.snapshot.search, "tajik migrants", 5),
    );
  });

  it("takes over the served snapshot's unchanged name indexes, and still refuses bad content", async () => {
    const serving = openStoredVersion(stored(drafts.first));
    if (!serving.ok) throw new Error(serving.error.message);
    const next = await openStoredVersionStepwise(stored(drafts.second), serving.value.snapshot);
    if (!next.ok) throw new Error(next.error.message);
    // The second draft rewords an attack's summary: no name changed.
    expect(next.value.snapshot.names).toEqual(serving.value.snapshot.names);
    expect(next.value.snapshot.names.attacks).toBe(serving.value.snapshot.names.attacks);
    const altered = stored(drafts.first, { files: reworded(drafts.first.content.files) });
    expect(await openStoredVersionStepwise(altered, serving.value.snapshot)).toMatchObject({
      ok: false,
      error: { code: "store.hash_mismatch" },
    });
  });

  it("shares the served snapshot's cleaned text of an unchanged article, yet hashes every raw text", async () => {
    const serving = openStoredVersion(stored(drafts.first));
    if (!serving.ok) throw new Error(serving.error.message);
    const { corpus } = serving.value.snapshot;
    const [first] = corpus.articles;
    if (!first) throw new Error("no article");
    // A served text marked so that a shared one is told from one cleaned again.
    const marked = { ...first, text: "shared, not cleaned again" };
    const previous = {
      ...serving.value.snapshot,
      corpus: { ...corpus, articleById: new Map([[first.id, marked]]) },
    };
    const next = await openStoredVersionStepwise(stored(drafts.second), previous);
    if (!next.ok) throw new Error(next.error.message);
    expect(next.value.snapshot.corpus.articleById.get(first.id)?.text).toBe(marked.text);
    expect(next.value.snapshot.corpus.articles[1]?.text).toBe(corpus.articles[1]?.text);

    const texts = { ...drafts.second.content.files.texts, [first.id]: `${marked.text}!` };
    const tampered = stored(drafts.second, { files: { ...drafts.second.content.files, texts } });
    const refused = await openStoredVersionStepwise(tampered, previous);
    expect(refused).toMatchObject({ ok: false, error: { code: "store.invalid" } });
    expect(refused.ok || refused.error.message).toContain("[corpus.hash_mismatch]");
  });

  it("keeps the served search index when the next version's is the same, and reads its mentions afresh", async () => {
    const serving = openStoredVersion(stored(drafts.first));
    if (!serving.ok) throw new Error(serving.error.message);
    const before = serving.value.snapshot;
    // An actor given an alias some article names: the texts, so the search index, stay the same.
    const files = drafts.first.content.files;
    const actors = JSON.parse(files.json["actors.json"] as string) as Actor[];
    const named = (a: Actor) => new Set(before.mentionsOf(a.id));
    const actor = actors.find((a) => named(a).size < before.corpus.articles.length) as Actor;
    const other = before.corpus.articles.find((a) => !named(actor).has(a.id)) as LoadedArticle;
    const word = other.title.split(" ").find((w) => w.length > 5) as string;
    actor.aliases.push(word);
    const renamed = prepareDraft({
      ...files,
      json: { ...files.json, "actors.json": JSON.stringify(actors) },
    });
    if (!renamed.ok) throw new Error(renamed.error[0]?.message);
    const next = await openStoredVersionStepwise(stored(renamed.value.draft), before);
    if (!next.ok) throw new Error(next.error.message);
    expect(next.value.snapshot.search).toBe(before.search);
    expect(next.value.snapshot.mentionsOf(actor.id)).toContain(other.id);
    expect(before.mentionsOf(actor.id)).not.toContain(other.id);

    // Another index under the same content: decoded, not the served one kept.
    const empty = encodePrebuilt({
      search: buildSearchIndex([], []),
      mentions: emptyMentions(before),
    });
    const reindexed = await openStoredVersionStepwise(
      stored(drafts.second, { index: empty }),
      before,
    );
    if (!reindexed.ok) throw new Error(reindexed.error.message);
    expect(passageCount(reindexed.value.snapshot.search)).toBe(0);
  });
});
