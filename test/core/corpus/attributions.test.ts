import { beforeAll, describe, expect, it } from "vitest";
import type { RawCorpusFiles } from "../../../src/core/corpus/types.ts";
import { validateCorpus } from "../../../src/core/corpus/validate.ts";
import { readCorpusFiles } from "../../../src/corpus/files.ts";
import { problemsOf, record, statement, withEdit } from "../../support/corpus-edit.ts";

let files: RawCorpusFiles;
beforeAll(async () => {
  files = await readCorpusFiles();
});

const directorate = "crocus-city-hall-2024-perp-is-general-directorate-of-provinces";

describe("the credit check", () => {
  it("fails on an attribution credited to someone its quotes do not name: the old Hamming entry", () => {
    const bad = withEdit(files, "attacks.json", (attacks) => {
      statement(attacks, directorate).by = ["tore-hamming"];
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.credit_not_in_quote",
        file: "attacks.json",
        record: "crocus-city-hall-2024",
        path: expect.stringMatching(/^perpetrators\.\d+\.by\.0$/),
        message: expect.stringContaining('"Tore Hamming"'),
      }),
    ]);
  });

  it("credits an outlet with what its own article states, and no other outlet", () => {
    const by = (outlet: string) =>
      withEdit(files, "attacks.json", (attacks) => {
        statement(attacks, directorate).by = [outlet];
      });
    expect(validateCorpus(by("taz")).ok).toBe(true);
    expect(problemsOf(by("asianews"))).toEqual([
      expect.objectContaining({ code: "corpus.credit_not_in_quote" }),
    ]);
  });

  it("fails on a figure value credited to an actor its quote does not name", () => {
    const bad = withEdit(files, "figures.json", (groups) => {
      const value = (record(groups, "crocus-killed").values as Array<Record<string, unknown>>)[0];
      if (value) value.attributedTo = ["vladimir-putin"];
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.credit_not_in_quote",
        file: "figures.json",
        record: "crocus-killed",
        path: "values.0.attributedTo.0",
      }),
    ]);
  });

  it("fails on an article whose outlet actor does not exist", () => {
    const bad = withEdit(files, "articles.json", (articles) => {
      record(articles, "taz-three-weeks-after").outletActor = "die-zeit";
    });
    expect(problemsOf(bad)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "corpus.unknown_id", path: "outletActor" }),
      ]),
    );
  });
});
