import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Corpus, RawCorpusFiles, TextPacker } from "../../../src/core/corpus/types.ts";
import { loadPublishedCorpus, validateCorpus } from "../../../src/core/corpus/validate.ts";
import { readCorpusFiles } from "../../../src/corpus/files.ts";
import {
  withEdit as edited,
  type Json,
  problemsOf,
  validCorpus,
} from "../../support/corpus-edit.ts";
import { reworded } from "../../support/drafts.ts";

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
    // A qualifier's meaning is content too: publishing only that change must not read as unchanged.
    const redefined = withEdit("qualifiers.json", (qualifiers) => {
      (qualifiers[0] as Json).means = "the amount is the stated number or above";
    });
    expect(version(redefined)).not.toBe(original);
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

  it("fails on a fact, relation, perpetrator entry or figure value without an id", () => {
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
    const noValueId = withEdit("figures.json", (groups) => {
      delete ((groups[0] as Json).values as Json[])[0]?.id;
    });
    expect(problemsOf(noValueId)).toContainEqual(
      expect.objectContaining({ code: "corpus.schema", path: "values.0.id" }),
    );
  });

  it("fails on two figure values with one id", () => {
    const bad = withEdit("figures.json", (groups) => {
      const values = (groups[0] as Json).values as Json[];
      (values[1] as Json).id = (values[0] as Json).id;
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.duplicate_id",
        file: "figures.json",
        path: "values.1.id",
      }),
    ]);
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

  it("takes an alias only as whole words of a text, never as part of one", () => {
    // "Krasnogorsk" is in the texts; its start and a phrase running past a text's words are not.
    const bad = withEdit("attacks.json", (attacks) => {
      ((attacks[0] as Json).aliases as string[]).push("Krasnogor", "Krasnogorsk Krasnogorsk");
    });
    expect(problemsOf(bad).map((p) => p.code)).toEqual([
      "corpus.alias_not_in_text",
      "corpus.alias_not_in_text",
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

describe("validateCorpus on bad events and dates", () => {
  const event = (events: Json[], id: string) => events.find((e) => e.id === id) as Json;

  it("loads the events, counts them and puts them in the version", () => {
    const result = validateCorpus(files);
    if (!result.ok) throw new Error(JSON.stringify(result.error.slice(0, 3)));
    expect(result.value.stats.events).toBe(result.value.corpus.events.length);
    expect(result.value.stats.events).toBeGreaterThan(20);
    const reworded = withEdit("events.json", (events) => {
      (events[0] as Json).summary = `${(events[0] as Json).summary} `;
    });
    const again = validateCorpus(reworded);
    if (!again.ok) throw new Error("rewording a summary broke the corpus");
    expect(again.value.corpus.version).not.toBe(result.value.corpus.version);
  });

  it("fails on an event citing words its article does not have", () => {
    const bad = withEdit("events.json", (events) => {
      const c = (event(events, "amaq-second-statement-2024").citations as Json[])[0] as Json;
      c.quote = String(c.quote).replace("second", "third");
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.quote_not_found",
        file: "events.json",
        record: "amaq-second-statement-2024",
        path: "citations.0.quote",
      }),
    ]);
  });

  it("fails on an event naming an actor or attack that does not exist", () => {
    const bad = withEdit("events.json", (events) => {
      const e = event(events, "us-embassy-warning-2024");
      ((e.actors as Json[])[0] as Json).actor = "us-embassy-in-atlantis";
      e.attacks = ["crocus-2025"];
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({ code: "corpus.unknown_id", path: "actors.0.actor" }),
      expect.objectContaining({ code: "corpus.unknown_id", path: "attacks.0" }),
    ]);
  });

  it("fails on an event id another statement already uses", () => {
    const [crocus] = JSON.parse(files.json["attacks.json"] as string) as Json[];
    const factId = ((crocus as Json).facts as Json[])[0]?.id;
    const bad = withEdit("events.json", (events) => {
      (events[0] as Json).id = factId;
    });
    expect(problemsOf(bad)).toContainEqual(
      expect.objectContaining({ code: "corpus.duplicate_id", file: "events.json", path: "id" }),
    );
  });

  it("fails on an event name no article has unless the editors say why", () => {
    const bad = withEdit("events.json", (events) => {
      delete event(events, "crocus-nine-arrests-2024").nameReason;
    });
    expect(problemsOf(bad)).toEqual([
      expect.objectContaining({
        code: "corpus.name_not_in_text",
        file: "events.json",
        record: "crocus-nine-arrests-2024",
      }),
    ]);
  });

  it("fails on relative date words given as stated, in attacks and events", () => {
    const attack = withEdit("attacks.json", (attacks) => {
      const date = (attacks.find((a) => a.id === "istanbul-church-2024") as Json).date as Json;
      date.words = date.derivedFrom;
      delete date.derivedFrom;
    });
    expect(problemsOf(attack)).toEqual([
      expect.objectContaining({
        code: "corpus.date_not_derived",
        file: "attacks.json",
        record: "istanbul-church-2024",
        path: "date.words",
      }),
    ]);
    const ev = withEdit("events.json", (events) => {
      const date = event(events, "us-embassy-warning-2024").date as Json;
      date.words = date.derivedFrom;
      delete date.derivedFrom;
    });
    expect(problemsOf(ev)).toContainEqual(
      expect.objectContaining({ code: "corpus.date_not_derived", file: "events.json" }),
    );
  });

  it("fails on a span that ends before it starts, and on an unknown event kind", () => {
    const bad = withEdit("attacks.json", (attacks) => {
      const date = (attacks.find((a) => a.id === "europe-tajik-plots") as Json).date as Json;
      (date.from as Json).value = "2025";
    });
    expect(problemsOf(bad)).toContainEqual(
      expect.objectContaining({ code: "corpus.schema", record: "europe-tajik-plots" }),
    );
    const kind = withEdit("events.json", (events) => {
      (events[0] as Json).kind = "rumour";
    });
    expect(problemsOf(kind)).toContainEqual(
      expect.objectContaining({ code: "corpus.schema", file: "events.json", path: "kind" }),
    );
  });
});

describe("validateCorpus on bad question words", () => {
  type Words = {
    forms: Array<Record<string, unknown> & { starts: string[]; units?: string[] }>;
    synonyms: string[][];
    ignore: string[];
  };
  const withWords = (edit: (words: Words) => void): RawCorpusFiles => {
    const words = JSON.parse(files.json["questions.json"] as string) as Words;
    edit(words);
    return { ...files, json: { ...files.json, "questions.json": JSON.stringify(words) } };
  };
  const at = (file: RawCorpusFiles) =>
    problemsOf(file).map((p) => `${p.code} ${p.path}: ${p.message}`);

  it("refuses a question opening listed twice, even in two forms", () => {
    const bad = withWords((w) => {
      (w.forms[1] as Words["forms"][number]).starts.push(w.forms[0]?.starts[0] as string);
    });
    expect(at(bad)).toEqual([
      expect.stringMatching(
        /^corpus\.schema forms\.1\.starts\.\d+: question opening ".+" is listed twice$/,
      ),
    ]);
  });

  it("refuses a synonym that is another's word once stemmed, and one made of stop words", () => {
    const bad = withWords((w) => {
      w.synonyms.push(["killed", "deaths"]);
      w.synonyms[0]?.push("the");
    });
    expect(at(bad)).toEqual([
      expect.stringMatching(/^corpus\.schema synonyms\.\d+\.0: synonym "killed" is listed twice$/),
      expect.stringMatching(/^corpus\.schema synonyms\.\d+\.1: synonym "deaths" is listed twice$/),
      expect.stringMatching(/^corpus\.schema synonyms\.0\.\d+: "the" has only words too common/),
    ]);
  });

  it("refuses a synonym group whose word no record is named or described by", () => {
    const bad = withWords((w) => {
      w.synonyms.push(["zeppelin", "airship"]);
    });
    expect(at(bad)).toEqual([
      expect.stringMatching(
        /^corpus\.unknown_word synonyms\.\d+\.0: no actor, attack or figure .* "zeppelin"/,
      ),
    ]);
  });

  it("refuses a form that asks for a unit no figure has, or neither weighs records nor is fixed", () => {
    const bad = withWords((w) => {
      const date = w.forms.find((f) => f.id === "date") as Words["forms"][number];
      date.units = ["fortnight"];
      delete w.forms.find((f) => f.id === "place")?.weights;
    });
    expect(at(bad)).toEqual([
      expect.stringMatching(
        /^corpus\.schema forms\.\d+\.weights: a form is either fixed or weighs/,
      ),
    ]);
    const unit = withWords((w) => {
      (w.forms.find((f) => f.id === "date") as Words["forms"][number]).units = ["fortnight"];
    });
    expect(at(unit)).toEqual([
      expect.stringMatching(
        /^corpus\.unknown_word forms\.\d+\.units\.0: no figure is in "fortnight"$/,
      ),
    ]);
  });

  it("changes the version when the question words change", () => {
    const version = (f: RawCorpusFiles) => {
      const result = validateCorpus(f);
      if (!result.ok) throw new Error(JSON.stringify(result.error.slice(0, 3)));
      return result.value.corpus.version;
    };
    const more = withWords((w) => {
      w.ignore.push("kindly");
    });
    expect(version(more)).not.toBe(version(files));
  });
});

describe("loadPublishedCorpus with texts the reader holds", () => {
  let files: RawCorpusFiles;
  beforeAll(async () => {
    files = await readCorpusFiles();
  });
  const unread = (held: Record<string, string>) => {
    const texts = { ...files.texts };
    for (const id of Object.keys(held)) delete texts[id];
    return { ...files, texts, held };
  };

  it("shares a held article's cleaned text when store and metadata agree on its hash", () => {
    const before = validCorpus(files);
    const [article] = before.articles;
    if (!article) throw new Error("no article");
    const loaded = loadPublishedCorpus(unread({ [article.id]: article.sha256 }), before);
    expect(loaded.ok && loaded.value.articleById.get(article.id)?.text).toBe(article.text);
  });

  it("refuses a held text whose hash the metadata does not give, or with nothing to share", () => {
    const before = validCorpus(files);
    const [article] = before.articles;
    if (!article) throw new Error("no article");
    for (const [held, had] of [
      [{ [article.id]: "0".repeat(64) }, before],
      [{ [article.id]: article.sha256 }, undefined],
    ] as const) {
      const loaded = loadPublishedCorpus(unread(held), had);
      expect(loaded.ok ? [] : loaded.error.map((p) => [p.code, p.record])).toEqual([
        ["corpus.held_text_unusable", article.id],
      ]);
    }
  });
});

describe("loadPublishedCorpus after the corpus it replaces", () => {
  it("takes over the records of a file shipped unchanged and checks a changed one", async () => {
    const files = await readCorpusFiles();
    const before = loadPublishedCorpus(files);
    if (!before.ok) throw new Error("the bundled corpus does not load");
    const next = loadPublishedCorpus(reworded(files, "Reworded."), before.value);
    if (!next.ok) throw new Error("the reworded corpus does not load");
    expect(next.value.actors).toBe(before.value.actors);
    expect(next.value.attacks).not.toBe(before.value.attacks);
    expect(next.value.attacks[0]?.summary).toBe("Reworded.");
    const broken = { ...files, json: { ...files.json, "actors.json": "[{}]" } };
    const refused = loadPublishedCorpus(broken, before.value);
    expect(refused.ok ? [] : [...new Set(refused.error.map((p) => p.file))]).toEqual([
      "actors.json",
    ]);
  });

  it("keeps the loaded articles when articles.json is unchanged and every text stayed unread", async () => {
    const files = await readCorpusFiles();
    const before = loadPublishedCorpus(files);
    if (!before.ok) throw new Error("the bundled corpus does not load");
    const held = Object.fromEntries(before.value.articles.map((a) => [a.id, a.sha256]));
    const next = loadPublishedCorpus({ ...reworded(files), texts: {}, held }, before.value);
    expect(next.ok && next.value.articles).toBe(before.value.articles);
    // One text read again is hashed and cleaned again: the articles are loaded anew.
    const [first] = before.value.articles;
    if (!first) throw new Error("no article");
    const { [first.id]: _, ...rest } = held;
    const texts = { [first.id]: files.texts[first.id] ?? null };
    const again = loadPublishedCorpus({ ...reworded(files), texts, held: rest }, before.value);
    if (!again.ok) throw new Error("the corpus with one text read does not load");
    expect(again.value.articles).not.toBe(before.value.articles);
    expect(again.value.articles.map((a) => a.text)).toEqual(
      before.value.articles.map((a) => a.text),
    );
  });
});

describe("loadPublishedCorpus with a text packer", () => {
  /** A packer that keeps texts reversed and counts what it packs and unpacks. */
  const counting = () => {
    const count = { packed: 0, read: 0 };
    const pack: TextPacker = (text) => {
      count.packed++;
      const kept = [...text].reverse().join("");
      return () => {
        count.read++;
        return [...kept].reverse().join("");
      };
    };
    return { count, pack };
  };

  it("packs each text it cleans, reads the same texts back, and shares packed forms unread", async () => {
    const files = await readCorpusFiles();
    const plain = validCorpus(files);
    const { count, pack } = counting();
    const before = loadPublishedCorpus(files, undefined, pack);
    if (!before.ok) throw new Error("the bundled corpus does not load");
    expect(count).toEqual({ packed: plain.articles.length, read: 0 });
    expect(before.value.articles.map((a) => a.text)).toEqual(plain.articles.map((a) => a.text));
    expect(count.read).toBe(plain.articles.length);

    // A new version with one text read again and the rest held: all are taken over packed, the
    // one read only after its hash is checked.
    const [first, second] = before.value.articles;
    if (!first || !second) throw new Error("two articles expected");
    const held = Object.fromEntries(before.value.articles.map((a) => [a.id, a.sha256]));
    delete held[first.id];
    const texts = { [first.id]: files.texts[first.id] ?? null };
    const next = loadPublishedCorpus({ ...reworded(files), texts, held }, before.value, pack);
    if (!next.ok) throw new Error("the next version does not load");
    expect(count).toEqual({ packed: plain.articles.length, read: plain.articles.length });
    const reader = (id: string, c: Corpus) =>
      Object.getOwnPropertyDescriptor(c.articleById.get(id), "text")?.get;
    expect(reader(second.id, next.value)).toBe(reader(second.id, before.value));
    expect(reader(first.id, next.value)).toBe(reader(first.id, before.value));
    expect(next.value.articleById.get(second.id)?.text).toBe(second.text);
  });
});
