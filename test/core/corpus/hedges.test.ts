import { beforeAll, describe, expect, it } from "vitest";
import type { RawCorpusFiles } from "../../../src/core/corpus/types.ts";
import { validateCorpus } from "../../../src/core/corpus/validate.ts";
import { readCorpusFiles } from "../../../src/corpus/files.ts";
import { problemsOf, statement, withEdit } from "../../support/corpus-edit.ts";

let files: RawCorpusFiles;

const DETAINED = "crocus-city-hall-2024-fact-four-alleged-perpetrators-other-detained";
const WITHOUT_SO_FAR =
  "The four alleged perpetrators are Tajik citizens; no one in the expert community doubts that the four are the perpetrators.";

/** `current` with the Crocus fact's "So far" dropped from its wording. */
const soFarDropped = (current: RawCorpusFiles) =>
  withEdit(current, "attacks.json", (attacks) => {
    statement(attacks, DETAINED).text = WITHOUT_SO_FAR;
  });
beforeAll(async () => {
  files = await readCorpusFiles();
});

describe("the hedge check", () => {
  it("fails on a fact that drops its quote's 'said to be', naming the hedge", () => {
    const bad = withEdit(files, "actors.json", (actors) => {
      statement(actors, "russia-fact-official-russian-news-agency-nine").text =
        "According to an official Russian news agency, nine more suspects linked to the attack were arrested.";
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.hedge_dropped",
        file: "actors.json",
        record: "russia",
        message: expect.stringContaining('"said to be"'),
      }),
    ]);
  });

  it("fails on 'So far' dropped from an attack fact", () => {
    expect(problemsOf(soFarDropped(files))).toEqual([
      expect.objectContaining({ code: "corpus.hedge_dropped", path: "facts.12.text" }),
    ]);
  });

  it("fails on an attributed perpetrator whose quote hedges, and passes it as suspected", () => {
    const hedged = (status: string) =>
      withEdit(files, "attacks.json", (attacks) => {
        const p = statement(attacks, "crocus-city-hall-2024-perp-isis-k-6");
        p.status = status;
        p.note = "n-tv says ISIS-K is responsible.";
      });
    expect(problemsOf(hedged("attributed"))).toEqual([
      expect.objectContaining({
        code: "corpus.hedge_dropped",
        record: "crocus-city-hall-2024",
        path: expect.stringMatching(/^perpetrators\.\d+\.note$/),
      }),
    ]);
    expect(validateCorpus(hedged("suspected")).ok).toBe(true);
  });

  it("fails on a relation whose note drops the quote's hedge", () => {
    const bad = withEdit(files, "relations.json", (relations) => {
      statement(relations, "isis-k-active-in-russia").note = "the Crocus City Hall attack";
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({ code: "corpus.hedge_dropped", file: "relations.json" }),
    ]);
  });

  it("reads the hedges from data: a row the table lacks is not enforced, a broken row is refused", () => {
    const table = JSON.parse(files.json["hedges.json"] as string) as Array<{ words: string[] }>;
    const without = table.filter((row) => !row.words.includes("so far"));
    const lax = { ...files, json: { ...files.json, "hedges.json": JSON.stringify(without) } };
    expect(validateCorpus(soFarDropped(lax)).ok).toBe(true);
    const broken = { ...files, json: { ...files.json, "hedges.json": '[{"words": ["So Far"]}]' } };
    expect(problemsOf(broken)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "corpus.schema", file: "hedges.json" }),
      ]),
    );
  });
});
