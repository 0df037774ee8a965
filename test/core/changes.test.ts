import { beforeAll, describe, expect, it } from "vitest";
import { corpusChanges, noChanges, statementsOf } from "../../src/core/changes.ts";
import type { Corpus, RawCorpusFiles } from "../../src/core/corpus/types.ts";
import { validateCorpus } from "../../src/core/corpus/validate.ts";
import { readCorpusFiles } from "../../src/corpus/files.ts";
import { type Json, validCorpus, withEdit } from "../support/corpus-edit.ts";

let files: RawCorpusFiles;
let bundled: Corpus;

beforeAll(async () => {
  files = await readCorpusFiles();
  bundled = validCorpus(files);
});

describe("statementsOf", () => {
  it("holds every stable id the corpus check counts", () => {
    const result = validateCorpus(files);
    if (!result.ok) throw new Error("bundled corpus invalid");
    expect(statementsOf(bundled).size).toBe(result.value.stats.statementIds);
  });
});

describe("corpusChanges", () => {
  it("finds nothing between a version and itself", () => {
    expect(noChanges(corpusChanges(bundled, bundled))).toBe(true);
  });

  it("reports a reworded fact as revised, keeping its id, and a removed value as withdrawn", () => {
    let factId = "";
    const edited = withEdit(files, "actors.json", (actors) => {
      const fact = ((actors[0] as Json).facts as Json[])[0] as Json;
      factId = fact.id as string;
      fact.text = `${fact.text as string} (reworded)`;
    });
    let valueId = "";
    const both = withEdit(edited, "figures.json", (groups) => {
      const values = (groups[0] as Json).values as Json[];
      valueId = values.pop()?.id as string;
    });
    const changes = corpusChanges(bundled, validCorpus(both));
    expect(changes.revised.map((r) => r.after.id)).toEqual([factId]);
    expect(changes.revised[0]?.after.text).toMatch(/\(reworded\)$/);
    expect(changes.revised[0]?.before.text).not.toMatch(/\(reworded\)$/);
    expect(changes.withdrawn.map((s) => s.id)).toEqual([valueId]);
    expect(changes.added).toEqual([]);
    expect(noChanges(changes)).toBe(false);
  });

  it("reports a statement under a new id as added", () => {
    const edited = withEdit(files, "relations.json", (relations) => {
      relations.push({ ...(relations[0] as Json), id: "a-new-relation" });
    });
    const changes = corpusChanges(bundled, validCorpus(edited));
    expect(changes.added.map((s) => [s.id, s.kind])).toEqual([["a-new-relation", "relation"]]);
  });
});
