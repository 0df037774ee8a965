import { beforeAll, describe, expect, it } from "vitest";
import type { CorpusHistory } from "../../src/ports/corpus-history.ts";
import type { Draft } from "../../src/ports/corpus-store.ts";
import { testDrafts } from "../support/drafts.ts";

/** What a history is made of: drafts published in order, each with who published it and why. */
export interface Published {
  draft: Draft;
  by: string;
  note: string;
}

/**
 * One suite every CorpusHistory passes. `make` builds a history of the given publishes, in
 * order, as seqs 1, 2, 3 ….
 */
export function corpusHistoryContract(
  name: string,
  make: (published: readonly Published[]) => Promise<CorpusHistory>,
): void {
  describe(`corpus history contract: ${name}`, () => {
    let drafts: { first: Draft; second: Draft; third: Draft };
    beforeAll(async () => {
      drafts = await testDrafts();
    });
    const three = () => [
      { draft: drafts.first, by: "ana", note: "first" },
      { draft: drafts.second, by: "ben", note: "reworded" },
      { draft: drafts.first, by: "ana", note: "reverted" },
    ];

    it("lists every published version oldest first, with who published it and the note", async () => {
      const releases = await (await make(three())).releases();
      if (!releases.ok) throw new Error(releases.error.message);
      expect(releases.value.map(({ seq, by, note }) => ({ seq, by, note }))).toEqual([
        { seq: 1, by: "ana", note: "first" },
        { seq: 2, by: "ben", note: "reworded" },
        { seq: 3, by: "ana", note: "reverted" },
      ]);
      for (const release of releases.value) {
        expect(new Date(release.publishedAt).toISOString()).toBe(release.publishedAt);
      }
    });

    it("gives each version's corpus, a revert's the same content as the version it restored", async () => {
      const history = await make(three());
      const hashes = [];
      for (const seq of [1, 2, 3]) {
        const corpus = await history.corpusAt(seq);
        if (!corpus.ok) throw new Error(corpus.error.message);
        hashes.push(corpus.value.version);
      }
      expect(hashes).toEqual([drafts.first.hash, drafts.second.hash, drafts.first.hash]);
    });

    it("refuses a version that was never published with a failure, not a throw", async () => {
      const history = await make(three());
      const missing = await history.corpusAt(9);
      expect(missing.ok).toBe(false);
      if (!missing.ok) expect(missing.error.message).toContain("9");
    });

    it("an empty history lists nothing", async () => {
      expect(await (await make([])).releases()).toEqual({ ok: true, value: [] });
    });
  });
}
