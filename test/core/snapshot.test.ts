import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/corpus/schema.ts";
import type { Corpus } from "../../src/core/corpus/types.ts";
import { judge } from "../../src/core/figures/verdict.ts";
import { articlesNaming } from "../../src/core/mentions.ts";
import { buildSnapshot, type CorpusSnapshot, snapshotSteps } from "../../src/core/snapshot.ts";
import { runSteps } from "../../src/core/steps.ts";
import { bundledSnapshot } from "../support/corpus.ts";

describe("buildSnapshot", () => {
  let corpus: Corpus;
  let snapshot: CorpusSnapshot;
  beforeAll(async () => {
    snapshot = await bundledSnapshot();
    corpus = snapshot.corpus;
  });

  it("builds a name index per kind before it is used", () => {
    expect(snapshot.names.actors.entries.size).toBe(corpus.actors.length);
    expect(snapshot.names.attacks.entries.size).toBe(corpus.attacks.length);
    expect(snapshot.names.events.entries.size).toBe(corpus.events.length);
    expect(snapshot.names.events.resolve("second Amaq statement")).toEqual({
      kind: "found",
      id: "amaq-second-statement-2024",
    });
    expect(snapshot.names.figures.entries.size).toBe(corpus.figures.length);
    expect(snapshot.names.articles.entries.size).toBe(corpus.articles.length);
  });

  it("finds an actor's mentions in the text, not only where it is cited", () => {
    let beyondCitations = 0;
    for (const actor of corpus.actors) {
      const cited = new Set(
        [...actor.citations, ...actor.facts.flatMap((f) => f.citations)].map((c) => c.article),
      );
      const mentioned = snapshot.mentionsOf(actor.id);
      expect(mentioned, actor.id).toEqual(expect.arrayContaining([...cited]));
      if (mentioned.length > cited.size) beyondCitations++;
      // Worked out once per snapshot: the same answer, the same value.
      expect(snapshot.mentionsOf(actor.id)).toBe(mentioned);
    }
    expect(beyondCitations).toBeGreaterThan(0);
  });

  it("judges each figure group once, as the verdict module reads it", () => {
    for (const group of corpus.figures) {
      const judged = snapshot.judgementOf(group);
      expect(judged, group.id).toEqual(judge(group, corpus.qualifiers));
      expect(snapshot.judgementOf(group)).toBe(judged);
    }
  });

  it("finds the articles that name words, as whole words", () => {
    const diaspora = articlesNaming(corpus, snapshot.search, ["Tajik diaspora"]);
    expect(diaspora.length).toBeGreaterThan(0);
    for (const id of diaspora) {
      expect(corpus.articleById.get(id)?.text.toLowerCase()).toContain("tajik diaspora");
    }
    expect(articlesNaming(corpus, snapshot.search, ["zebra xylophone"])).toEqual([]);
  });

  it("is frozen, so nothing can hang derived state off it later", () => {
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.names)).toBe(true);
  });

  it("uses a prebuilt search index when given one, building the rest", () => {
    const again = buildSnapshot(corpus, { search: snapshot.search });
    expect(again.search).toBe(snapshot.search);
    expect(again.names.actors).not.toBe(snapshot.names.actors);
    expect(again.mentionsOf("isis-k")).toEqual(snapshot.mentionsOf("isis-k"));
  });
});

describe("snapshotSteps with the snapshot it replaces", () => {
  let snapshot: CorpusSnapshot;
  beforeAll(async () => {
    snapshot = await bundledSnapshot();
  });

  it("takes over the name indexes whose entries did not change and rebuilds the others", () => {
    const [first, ...rest] = snapshot.corpus.actors as Actor[];
    const renamed = { ...(first as Actor), name: "Renamed Actor Zeta" };
    const corpus = { ...snapshot.corpus, actors: [renamed, ...rest] };
    const next = runSteps(snapshotSteps(corpus, { search: snapshot.search }, null, snapshot));
    expect(next.names.actors).not.toBe(snapshot.names.actors);
    expect(next.names.actors.resolve("Renamed Actor Zeta")).toEqual({
      kind: "found",
      id: renamed.id,
    });
    for (const kind of ["attacks", "events", "figures", "articles"] as const) {
      expect(next.names[kind]).toBe(snapshot.names[kind]);
    }
    expect(next.corpus).toBe(corpus);
  });

  it("rebuilds every lettered index when the other scripts' letters changed", () => {
    const questions = {
      ...snapshot.corpus.questions,
      letters: { ...snapshot.corpus.questions.letters, ж: "zh-changed" },
    };
    const next = runSteps(
      snapshotSteps({ ...snapshot.corpus, questions }, { search: snapshot.search }, null, snapshot),
    );
    for (const kind of ["actors", "attacks", "events", "figures"] as const) {
      expect(next.names[kind]).not.toBe(snapshot.names[kind]);
    }
    expect(next.names.articles).toBe(snapshot.names.articles);
  });
});

describe("snapshotSteps over the same texts", () => {
  let snapshot: CorpusSnapshot;
  beforeAll(async () => {
    snapshot = await bundledSnapshot();
  });

  it("keeps the served search index when a new version's is the same", () => {
    const previous = buildSnapshot(snapshot.corpus, { search: snapshot.search });
    // A search index equal to the served one, decoded afresh as a new version's is.
    const decoded = { ...snapshot.search, postings: snapshot.search.postings.slice() };
    const next = runSteps(snapshotSteps(snapshot.corpus, { search: decoded }, null, previous));
    expect(next.search).toBe(previous.search);
  });

  it("takes the new version's search index when it differs", () => {
    const previous = buildSnapshot(snapshot.corpus, { search: snapshot.search });
    const lengths = snapshot.search.lengths.slice();
    lengths[0] = (lengths[0] as number) + 1;
    const other = { ...snapshot.search, lengths };
    const next = runSteps(snapshotSteps(snapshot.corpus, { search: other }, null, previous));
    expect(next.search).toBe(other);
  });
});
