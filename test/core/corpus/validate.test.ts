import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { RawCorpusFiles } from "../../../src/core/corpus/types.ts";
import { validateCorpus } from "../../../src/core/corpus/validate.ts";
import { readCorpusFiles } from "../../../src/corpus/files.ts";
import { withEdit as edited, type Json, problemsOf } from "../../support/corpus-edit.ts";

let files: RawCorpusFiles;

/** A copy of the bundled files with one JSON file changed by `edit`. */
const withEdit = (file: keyof RawCorpusFiles["json"], edit: (data: Json[]) => void) =>
  edited(files, file, edit);

beforeAll(async () => {
  files = await readCorpusFiles();
});

describe("validateCorpus on the bundled corpus", () => {
  it("passes, with every kind of record present", () => {
    const result = validateCorpus(files);
    if (!result.ok) throw new Error(JSON.stringify(result.error.slice(0, 3)));
    expect(result.value.stats.articles).toBe(5);
    expect(result.value.stats.actors).toBeGreaterThan(40);
    expect(result.value.stats.attacks).toBeGreaterThan(5);
    expect(result.value.stats.plots).toBeGreaterThan(0);
    expect(result.value.stats.figuresInConflict).toBeGreaterThanOrEqual(3);
    expect(result.value.stats.figuresCompatible).toBeGreaterThanOrEqual(3);
    expect(result.value.corpus.version).toMatch(/^[a-f0-9]{12}$/);
    expect(result.value.stats.statementIds).toBeGreaterThan(400);
    expect(result.value.stats.editorAliases).toBeGreaterThan(100);
  });

  it("keeps the version when a file is only reformatted, and changes it with the content", () => {
    const version = (f: RawCorpusFiles) => {
      const result = validateCorpus(f);
      if (!result.ok) throw new Error(JSON.stringify(result.error.slice(0, 3)));
      return result.value.corpus.version;
    };
    const original = version(files);
    // Other indentation, other key order, the same content.
    const reformatted = withEdit("actors.json", (actors) => {
      for (const [i, actor] of actors.entries()) {
        actors[i] = Object.fromEntries(Object.entries(actor).reverse());
      }
    });
    expect(version(reformatted)).toBe(original);
    expect(
      version({
        ...files,
        json: { ...files.json, "relations.json": `\n${files.json["relations.json"]}  ` },
      }),
    ).toBe(original);

    expect(version(withEdit("actors.json", (d) => d.reverse()))).not.toBe(original);
    const reworded = withEdit("attacks.json", (attacks) => {
      (attacks[0] as Json).summary = `${(attacks[0] as Json).summary} `;
    });
    expect(version(reworded)).not.toBe(original);
  });

  it("changes the version when a raw text changes along with its recorded hash", () => {
    const id = "taz-three-weeks-after";
    const text = `${files.texts[id]}\nA line added by an editor.\n`;
    const changed = withEdit("articles.json", (articles) => {
      (articles.find((a) => a.id === id) as Json).sha256 = createHash("sha256")
        .update(text)
        .digest("hex");
    });
    const a = validateCorpus(files);
    const b = validateCorpus({ ...changed, texts: { ...changed.texts, [id]: text } });
    if (!a.ok || !b.ok) throw new Error("both should validate");
    expect(b.value.corpus.version).not.toBe(a.value.corpus.version);
  });
});

describe("validateCorpus on bad data", () => {
  it("fails on a quote altered by one word, naming file, record and path", () => {
    const bad = withEdit("figures.json", (groups) => {
      const values = groups.find((g) => g.id === "crocus-killed")?.values as Json[];
      const citation = values[0]?.citation as { quote: string };
      citation.quote = citation.quote.replace("massacre", "murder");
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.quote_not_found",
        file: "figures.json",
        record: "crocus-killed",
        path: "values.0.citation.quote",
      }),
    ]);
  });

  it("fails on a figure whose stated value is not in its quote", () => {
    const bad = withEdit("figures.json", (groups) => {
      const group = groups.find((g) => g.id === "crocus-killed") as Json;
      const value = (group.values as Json[])[0] as Json;
      value.text = "731";
      value.value = 731;
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.value_not_in_quote",
        record: "crocus-killed",
        path: "values.0.text",
      }),
    ]);
  });

  it("fails on a relation to an actor that does not exist", () => {
    const bad = withEdit("relations.json", (rels) => {
      (rels[0] as Json).object = "no-such-actor";
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.unknown_id",
        file: "relations.json",
        path: "object",
      }),
    ]);
  });

  it("fails on a citation of an article that does not exist", () => {
    const bad = withEdit("actors.json", (actors) => {
      ((actors[0] as Json).citations as Json[])[0] = {
        article: "ghost-article",
        quote: "anything",
      };
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.unknown_id",
        file: "actors.json",
        path: "citations.0.article",
      }),
    ]);
  });

  it("fails on a fact without a citation", () => {
    const bad = withEdit("actors.json", (actors) => {
      const actor = actors.find((a) => (a.facts as Json[]).length > 0) as Json;
      ((actor.facts as Json[])[0] as Json).citations = [];
      actor.id = "uncited-actor";
    });
    expect(problemsOf(bad)).toContainEqual(
      expect.objectContaining({
        code: "corpus.schema",
        file: "actors.json",
        record: "uncited-actor",
        path: "facts.0.citations",
      }),
    );
  });

  it("fails on an attack whose toll points at a missing figure group", () => {
    const bad = withEdit("attacks.json", (attacks) => {
      const crocus = attacks.find((a) => a.id === "crocus-city-hall-2024") as Json;
      (crocus.casualties as Json).killed = "missing-toll";
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.unknown_id",
        record: "crocus-city-hall-2024",
        path: "casualties.killed",
      }),
    ]);
  });

  it("fails on a duplicated id", () => {
    const bad = withEdit("actors.json", (actors) => {
      actors.push({ ...(actors[0] as Json) });
    });
    expect(problemsOf(bad)).toContainEqual(
      expect.objectContaining({ code: "corpus.duplicate_id", file: "actors.json" }),
    );
  });

  it("fails on a fact, relation or perpetrator entry without an id", () => {
    const noFactId = withEdit("actors.json", (actors) => {
      delete ((actors[0] as Json).facts as Json[])[0]?.id;
    });
    expect(problemsOf(noFactId)).toContainEqual(
      expect.objectContaining({ code: "corpus.schema", file: "actors.json", path: "facts.0.id" }),
    );
    const noRelationId = withEdit("relations.json", (rels) => {
      delete (rels[0] as Json).id;
    });
    expect(problemsOf(noRelationId)).toContainEqual(
      expect.objectContaining({ code: "corpus.schema", file: "relations.json", path: "id" }),
    );
    const noPerpetratorId = withEdit("attacks.json", (attacks) => {
      delete ((attacks[0] as Json).perpetrators as Json[])[0]?.id;
    });
    expect(problemsOf(noPerpetratorId)).toContainEqual(
      expect.objectContaining({ code: "corpus.schema", path: "perpetrators.0.id" }),
    );
  });

  it("fails on a stable id used twice, even in different files", () => {
    const relationId = (JSON.parse(files.json["relations.json"] as string) as Json[])[0]?.id;
    const bad = withEdit("attacks.json", (attacks) => {
      const crocus = attacks.find((a) => a.id === "crocus-city-hall-2024") as Json;
      ((crocus.facts as Json[])[1] as Json).id = relationId;
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.duplicate_id",
        file: "attacks.json",
        record: "crocus-city-hall-2024",
        path: "facts.1.id",
        message: expect.stringContaining("relations.json"),
      }),
    ]);
  });

  it("fails on an alias no article has, and passes it as an editor's alias with a reason", () => {
    const ghafari = (actors: Json[]) => actors.find((a) => a.id === "sanaullah-ghafari") as Json;
    const bad = withEdit("actors.json", (actors) => {
      (ghafari(actors).aliases as string[]).push("Shahab al-Muhajir");
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.alias_not_in_text",
        file: "actors.json",
        record: "sanaullah-ghafari",
        path: "aliases.1",
      }),
    ]);
    // Case, diacritics and punctuation are folded, as look-ups fold them.
    const folded = withEdit("actors.json", (actors) => {
      (ghafari(actors).aliases as string[]).push("SANAULLAH-GHAFÂRI");
    });
    expect(validateCorpus(folded).ok).toBe(true);
  });

  it("fails on an editor's alias that an article has: it is the sources' own", () => {
    const bad = withEdit("attacks.json", (attacks) => {
      const crocus = attacks.find((a) => a.id === "crocus-city-hall-2024") as Json;
      (crocus.editorAliases as unknown[]).push({ name: "KRASNOGORSK", reason: "the town" });
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.editor_alias_in_text",
        file: "attacks.json",
        record: "crocus-city-hall-2024",
        path: expect.stringMatching(/^editorAliases\.\d+$/),
      }),
    ]);
  });

  it("fails on an attack alias no article has", () => {
    const bad = withEdit("attacks.json", (attacks) => {
      ((attacks[0] as Json).aliases as string[]).push("Crocus City Hall siege of 2025");
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({ code: "corpus.alias_not_in_text", file: "attacks.json" }),
    ]);
  });

  it("fails on a canonical name no article has unless the editors say why", () => {
    const renamed = (reason: string | undefined) =>
      withEdit("actors.json", (actors) => {
        const center = actors.find((a) => a.id === "center-on-armed-groups") as Json;
        center.name = "Centre on Armed Groups";
        if (reason) center.nameReason = reason;
      });
    expect(problemsOf(renamed(undefined))).toEqual([
      expect.objectContaining({
        code: "corpus.name_not_in_text",
        record: "center-on-armed-groups",
        path: "name",
      }),
    ]);
    expect(validateCorpus(renamed("the British spelling")).ok).toBe(true);
  });

  it("fails when the raw text no longer matches its recorded hash", () => {
    const id = Object.keys(files.texts)[0] as string;
    const bad = { ...files, texts: { ...files.texts, [id]: `${files.texts[id]} ` } };
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({ code: "corpus.hash_mismatch", record: id, path: "sha256" }),
    ]);
  });

  it("fails when a recorded removal no longer matches the raw text", () => {
    const bad = withEdit("articles.json", (articles) => {
      const taz = articles.find((a) => a.id === "taz-three-weeks-after") as Json;
      (taz.removals as Json[]).push({
        kind: "exact",
        text: "residue that is not there",
        reason: "test",
      });
    });
    expect(problemsOf(bad)).toContainEqual(
      expect.objectContaining({
        code: "corpus.cleaning",
        record: "taz-three-weeks-after",
        path: "removals.2",
      }),
    );
  });

  it("fails on a missing data file and on broken JSON, by file name", () => {
    const missing = { ...files, json: { ...files.json, "figures.json": null } };
    expect(problemsOf(missing)).toContainEqual(
      expect.objectContaining({ code: "corpus.file_unreadable", file: "figures.json" }),
    );
    const broken = { ...files, json: { ...files.json, "attacks.json": "[{" } };
    expect(problemsOf(broken)).toContainEqual(
      expect.objectContaining({ code: "corpus.invalid_json", file: "attacks.json" }),
    );
  });

  it("fails on an estimated date with no reason", () => {
    const bad = withEdit("articles.json", (articles) => {
      delete ((articles[0] as Json).published as Json).reason;
    });
    expect(problemsOf(bad)).toContainEqual(
      expect.objectContaining({
        code: "corpus.schema",
        file: "articles.json",
        path: "published.reason",
      }),
    );
  });
});

describe("validateCorpus on bad figures and qualifiers", () => {
  it("fails on a value that is not the number its text states: 143 recorded as 145", () => {
    const bad = withEdit("figures.json", (groups) => {
      const value = ((groups.find((g) => g.id === "crocus-killed") as Json).values as Json[])[0];
      (value as Json).value = 145;
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.number_mismatch",
        record: "crocus-killed",
        path: "values.0.value",
      }),
    ]);
  });

  it("fails on a qualifier table that defines a word twice", () => {
    const bad = withEdit("qualifiers.json", (rows) => {
      rows.push({ ...(rows[0] as Json) });
    });
    expect(problemsOf(bad)).toContainEqual(
      expect.objectContaining({ code: "corpus.schema", file: "qualifiers.json" }),
    );
  });
});
