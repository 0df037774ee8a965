import { createHash } from "node:crypto";
import { ZodArray, type z } from "zod";
import { checkFigures } from "../figures/check.ts";
import { countVerdicts } from "../figures/verdict.ts";
import { questionWordsNotInRecords } from "../questions/check.ts";
import { fail, ok, type Result } from "../result.ts";
import { runSteps, type Steps } from "../steps.ts";
import { creditsNotInQuotes } from "./attributions.ts";
import { cleanText } from "./clean.ts";
import { type DatedRecord, dateProblems } from "./dates.ts";
import { hedgesDropped } from "./hedges.ts";
import { duplicateStatementIds, statementIds } from "./ids.ts";
import { editorAliasesInTexts, type NamedFiles, namesInTexts, namesNotInTexts } from "./names.ts";
import type { CorpusProblem } from "./problem.ts";
import { QuestionsFile, type QuestionWords } from "./questions-schema.ts";
import {
  type Actor,
  ActorsFile,
  type Article,
  ArticlesFile,
  type Attack,
  AttacksFile,
  type Citation,
  type Event,
  EventsFile,
  type FigureGroup,
  FiguresFile,
  HedgesFile,
  QualifiersFile,
  type Relation,
  RelationsFile,
} from "./schema.ts";
import type { Corpus, LoadedArticle, RawCorpusFiles, TextPacker } from "./types.ts";
import { canonicalJson, corpusVersionSteps, type VersionTrail } from "./version.ts";

export interface CorpusStats {
  articles: number;
  actors: number;
  relations: number;
  attacks: number;
  plots: number;
  /** Plots the sources only allege: suspects detained, nothing said to be thwarted. */
  allegedPlots: number;
  /** Warnings, statements, arrests, court appearances and other events that are not attacks. */
  events: number;
  figureGroups: number;
  figureValues: number;
  facts: number;
  citations: number;
  /** Figure groups by verdict: the same amounts, compatible wordings, conflicts, revisions. */
  figuresAgreeing: number;
  figuresCompatible: number;
  figuresInConflict: number;
  figuresRevised: number;
  /** Actor and attack names no article has, kept for look-ups and never shown as a source's. */
  editorAliases: number;
  /** Canonical names the editors chose, marked with why. */
  editorNames: number;
  /** Facts, relations, perpetrator entries and events, each with its stable id. */
  statementIds: number;
}

const verdictStats = (n: ReturnType<typeof countVerdicts>) => ({
  figuresAgreeing: n.agree,
  figuresCompatible: n.compatible,
  figuresInConflict: n.conflict,
  figuresRevised: n.revision,
});

/** A corpus that passed every check, with its counts; or every problem found. */
export type ValidationResult = Result<{ corpus: Corpus; stats: CorpusStats }, CorpusProblem[]>;

type FileName = keyof RawCorpusFiles["json"];

function recordLabel(data: unknown, index: unknown): string | null {
  if (typeof index !== "number") return null;
  const item = Array.isArray(data) ? data[index] : undefined;
  const id = item && typeof item === "object" && "id" in item ? item.id : undefined;
  return typeof id === "string" ? id : `#${index}`;
}

/** Records of a file checked against their schema between steps. */
const RECORDS_PER_STEP = 100;

/**
 * Checks a file's data against its schema; a file that is a plain list is checked a slice of
 * records at a time, with each issue's path as a check of the whole list gives it.
 */
function* safeParseSteps<T>(
  schema: z.ZodType<T>,
  data: unknown,
): Steps<{ data: T; issues: null } | { data: null; issues: z.core.$ZodIssue[] }> {
  // A list with checks of its own (a word defined twice) is checked whole.
  const plainList = schema instanceof ZodArray && (schema._zod.def.checks ?? []).length === 0;
  if (!plainList || !Array.isArray(data)) {
    const parsed = schema.safeParse(data);
    return parsed.success
      ? { data: parsed.data, issues: null }
      : { data: null, issues: parsed.error.issues };
  }
  const element = schema.element as z.ZodType;
  const out: unknown[] = [];
  const issues: z.core.$ZodIssue[] = [];
  for (let i = 0; i < data.length; i++) {
    if (i > 0 && i % RECORDS_PER_STEP === 0) yield;
    const parsed = element.safeParse(data[i]);
    if (parsed.success) out.push(parsed.data);
    else
      issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] })));
  }
  return issues.length > 0 ? { data: null, issues } : { data: out as T, issues: null };
}

/**
 * The files a load parsed, by the digest of their text: a version loaded next that ships a file
 * unchanged takes its records over rather than checking them against the schema again (at
 * 10,000 articles the schemas took 0.3 s of a swap). Records are never changed once loaded.
 */
type ParsedFiles = Map<FileName, { digest: string; value: unknown }>;

/** What loading a corpus leaves for loading the next: its parsed files and its hash's trail. */
const loadedBefore = new WeakMap<Corpus, { files: ParsedFiles; trail: VersionTrail }>();

function* parseFile<T>(
  files: RawCorpusFiles,
  file: FileName,
  schema: z.ZodType<T>,
  problems: CorpusProblem[],
  parsed?: { before: ParsedFiles | undefined; now: ParsedFiles },
): Steps<T | null> {
  const text = files.json[file];
  const digest = parsed && text !== null ? createHash("sha1").update(text).digest("hex") : "";
  const had = parsed?.before?.get(file);
  if (had && had.digest === digest) {
    parsed?.now.set(file, had);
    return had.value as T;
  }
  const value = yield* parseFileText(text, file, schema, problems);
  if (parsed && value !== null) parsed.now.set(file, { digest, value });
  return value;
}

function* parseFileText<T>(
  text: string | null,
  file: FileName,
  schema: z.ZodType<T>,
  problems: CorpusProblem[],
): Steps<T | null> {
  if (text === null) {
    problems.push({
      code: "corpus.file_unreadable",
      file,
      record: null,
      path: "",
      message: `data/${file} is missing or unreadable`,
    });
    return null;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    problems.push({
      code: "corpus.invalid_json",
      file,
      record: null,
      path: "",
      message: (err as Error).message,
    });
    return null;
  }
  yield;
  const parsed = yield* safeParseSteps(schema, data);
  if (parsed.issues === null) return parsed.data;
  for (const issue of parsed.issues) {
    // A file of records names the record first; a file of one object (questions.json) does not.
    const [index, ...rest] = issue.path;
    const record = recordLabel(data, index);
    problems.push({
      code: "corpus.schema",
      file,
      record,
      path: (record === null ? issue.path : rest).join("."),
      message: issue.message,
    });
  }
  return null;
}

/** Every citation in a record, with where it sits, so quote checks can name the place. */
function citationsOf(
  kind: "actor" | "relation" | "attack" | "event" | "figure",
  record: Actor | Relation | Attack | Event | FigureGroup,
): Array<{ path: string; citation: Citation }> {
  const at = (path: string, list: readonly Citation[]) =>
    list.map((citation, i) => ({ path: `${path}.${i}`, citation }));
  switch (kind) {
    case "actor": {
      const a = record as Actor;
      return [
        ...at("citations", a.citations),
        ...a.facts.flatMap((f, i) => at(`facts.${i}.citations`, f.citations)),
      ];
    }
    case "relation":
      return at("citations", (record as Relation).citations);
    case "event": {
      const e = record as Event;
      return [
        ...at("citations", e.citations),
        ...e.facts.flatMap((f, i) => at(`facts.${i}.citations`, f.citations)),
      ];
    }
    case "attack": {
      const a = record as Attack;
      return [
        ...at("citations", a.citations),
        ...a.perpetrators.flatMap((p, i) => at(`perpetrators.${i}.citations`, p.citations)),
        ...a.facts.flatMap((f, i) => at(`facts.${i}.citations`, f.citations)),
      ];
    }
    case "figure":
      return (record as FigureGroup).values.map((v, i) => ({
        path: `values.${i}.citation`,
        citation: v.citation,
      }));
  }
}

/** Articles hashed and cleaned between steps: a few milliseconds' work. */
const ARTICLES_PER_STEP = 10;

/**
 * Articles a previous load cleaned, by id: one whose raw text hashes the same and whose removals
 * are the same has the same cleaned text, which is then shared rather than made again.
 */
type CleanedBefore = ReadonlyMap<string, LoadedArticle>;

/** The article with its cleaned text, packed when a packer is given. */
function withText(article: Article, text: string, pack?: TextPacker): LoadedArticle {
  const read = pack?.(text);
  if (!read) return { ...article, text };
  return Object.defineProperty({ ...article }, "text", {
    get: read,
    enumerable: true,
  }) as LoadedArticle;
}

/** The article with the text `had` holds, packed or not, without reading (unpacking) it. */
function withTextOf(article: Article, had: LoadedArticle): LoadedArticle {
  const held = Object.getOwnPropertyDescriptor(had, "text") as PropertyDescriptor;
  return Object.defineProperty({ ...article }, "text", held) as LoadedArticle;
}

const sameRemovals = (a: Article, b: Article) =>
  a.removals.length === b.removals.length &&
  canonicalJson(a.removals) === canonicalJson(b.removals);

function* loadArticles(
  files: RawCorpusFiles,
  articles: readonly Article[],
  problems: CorpusProblem[],
  before?: CleanedBefore,
  pack?: TextPacker,
): Steps<LoadedArticle[]> {
  const loaded: LoadedArticle[] = [];
  for (const [i, article] of articles.entries()) {
    if (i > 0 && i % ARTICLES_PER_STEP === 0) yield;
    const raw = files.texts[article.id];
    const problem = (code: CorpusProblem["code"], path: string, message: string) =>
      problems.push({ code, file: "articles.json", record: article.id, path, message });
    const had = before?.get(article.id);
    const shared = had && had.sha256 === article.sha256 && sameRemovals(had, article);
    if (raw === undefined || raw === null) {
      // A held text was hashed when the reader first loaded it; the store vouches that this
      // version's text is the same one, and the metadata must say so too.
      if (shared && files.held?.[article.id] === article.sha256) {
        loaded.push(withTextOf(article, had));
        continue;
      }
      if (files.held?.[article.id]) {
        problem(
          "corpus.held_text_unusable",
          "",
          `raw text data/articles/${article.id}.raw.txt was not read, as held, but the text held cannot be reused`,
        );
      } else {
        problem(
          "corpus.file_unreadable",
          "",
          `raw text data/articles/${article.id}.raw.txt is missing`,
        );
      }
      continue;
    }
    const hash = createHash("sha256").update(raw).digest("hex");
    if (hash !== article.sha256) {
      problem(
        "corpus.hash_mismatch",
        "sha256",
        `raw text hashes to ${hash}, metadata says ${article.sha256}`,
      );
    }
    // Its raw text was hashed above: a mismatch is reported whether or not the text is shared.
    if (shared) {
      loaded.push(withTextOf(article, had));
      continue;
    }
    const cleaned = cleanText(raw, article.removals);
    if (!cleaned.ok) {
      problem("corpus.cleaning", `removals.${cleaned.error.removal}`, cleaned.error.message);
      continue;
    }
    loaded.push(withText(article, cleaned.value, pack));
  }
  return loaded;
}

function indexById<T extends { id: string }>(
  file: FileName,
  records: readonly T[],
  problems: CorpusProblem[],
): Map<string, T> {
  const map = new Map<string, T>();
  for (const r of records) {
    if (map.has(r.id)) {
      problems.push({
        code: "corpus.duplicate_id",
        file,
        record: r.id,
        path: "id",
        message: `id "${r.id}" is used twice`,
      });
    }
    map.set(r.id, r);
  }
  return map;
}

interface Assembled {
  corpus: Corpus;
  loaded: readonly LoadedArticle[];
  article: ReadonlyMap<string, LoadedArticle>;
  actor: Map<string, Actor>;
  attack: Map<string, Attack>;
  event: Map<string, Event>;
  figure: Map<string, FigureGroup>;
}

const NO_QUESTIONS: QuestionWords = { forms: [], synonyms: [], ignore: [], letters: {} };

/**
 * Parses every file, hashes and cleans the raw texts and indexes the records: the checks' input.
 * In steps (each file, a few dozen articles), so a process that loads a new version while it
 * answers can answer between them.
 */
function* assembleSteps(
  files: RawCorpusFiles,
  problems: CorpusProblem[],
  previous?: Corpus,
  pack?: TextPacker,
): Steps<Assembled> {
  const before = previous && loadedBefore.get(previous);
  const parsed = { before: before?.files, now: new Map() as ParsedFiles };
  const parse = <T>(file: FileName, schema: z.ZodType<T>) =>
    parseFile(files, file, schema, problems, parsed);
  const articles = (yield* parse("articles.json", ArticlesFile)) ?? [];
  const actors = (yield* parse("actors.json", ActorsFile)) ?? [];
  const relations = (yield* parse("relations.json", RelationsFile)) ?? [];
  const attacks = (yield* parse("attacks.json", AttacksFile)) ?? [];
  const figures = (yield* parse("figures.json", FiguresFile)) ?? [];
  const events = (yield* parse("events.json", EventsFile)) ?? [];
  const qualifiers = (yield* parse("qualifiers.json", QualifiersFile)) ?? [];
  // A file that failed its schema is reported above; the corpus is then never returned.
  const questions = (yield* parse("questions.json", QuestionsFile)) ?? NO_QUESTIONS;
  const hedges = (yield* parse("hedges.json", HedgesFile)) ?? [];
  yield;

  // An unchanged articles.json whose texts all stayed unread is the corpus's articles as loaded.
  const unchanged =
    previous &&
    before?.files.get("articles.json")?.value === articles &&
    articles.every((a) => files.held?.[a.id] === a.sha256);
  const loaded = unchanged
    ? previous.articles
    : yield* loadArticles(files, articles, problems, previous?.articleById, pack);
  const article = unchanged ? previous.articleById : indexById("articles.json", loaded, problems);
  const actor = indexById("actors.json", actors, problems);
  const attack = indexById("attacks.json", attacks, problems);
  const figure = indexById("figures.json", figures, problems);
  const event = indexById("events.json", events, problems);
  // What the version hashes is exactly what the corpus holds, bar the cleaned texts and indexes.
  const content = {
    articles,
    actors,
    relations,
    attacks,
    events,
    figures,
    qualifiers,
    questions,
    hedges,
  };
  const { version, trail } = yield* corpusVersionSteps(content, before?.trail);
  const corpus: Corpus = {
    version,
    ...content,
    articles: loaded,
    articleById: article,
    actorById: actor,
    attackById: attack,
    eventById: event,
    figureById: figure,
  };
  loadedBefore.set(corpus, { files: parsed.now, trail });
  return { corpus, loaded, article, actor, attack, event, figure };
}

/**
 * A published version's corpus: schemas, text hashes and cleaning only. Its quotes, names and
 * figures were checked once, when it was published; the caller compares the version hash.
 */
export function loadPublishedCorpus(
  files: RawCorpusFiles,
  previous?: Corpus,
  pack?: TextPacker,
): Result<Corpus, CorpusProblem[]> {
  return runSteps(loadPublishedCorpusSteps(files, previous, pack));
}

/**
 * loadPublishedCorpus in steps, for a process that answers while it loads; given the corpus it
 * serves, unchanged articles share its cleaned texts (each raw text read is still hashed) and
 * unchanged files its records.
 */
export function* loadPublishedCorpusSteps(
  files: RawCorpusFiles,
  previous?: Corpus,
  pack?: TextPacker,
): Steps<Result<Corpus, CorpusProblem[]>> {
  const problems: CorpusProblem[] = [];
  const { corpus } = yield* assembleSteps(files, problems, previous, pack);
  return problems.length > 0 ? fail(problems) : ok(corpus);
}

/**
 * Validates the raw data files into a corpus: schemas, text hashes, cleaning, every quote
 * verbatim in its article, and every id reference. Pure: the caller does the reading.
 */
export function validateCorpus(files: RawCorpusFiles): ValidationResult {
  const problems: CorpusProblem[] = [];
  const { corpus, loaded, article, actor, attack, figure } = runSteps(
    assembleSteps(files, problems),
  );
  const { actors, relations, attacks, events, figures, qualifiers } = corpus;

  let citationCount = 0;
  const check = (
    file: FileName,
    kind: Parameters<typeof citationsOf>[0],
    records: ReadonlyArray<Actor | Relation | Attack | Event | FigureGroup>,
    label: (r: Actor | Relation | Attack | Event | FigureGroup, i: number) => string,
  ) => {
    records.forEach((record, i) => {
      for (const { path, citation } of citationsOf(kind, record)) {
        citationCount++;
        const source = article.get(citation.article);
        const base = { file, record: label(record, i), path };
        if (!source) {
          problems.push({
            ...base,
            code: "corpus.unknown_id",
            path: `${path}.article`,
            message: `unknown article "${citation.article}"`,
          });
        } else if (!source.text.includes(citation.quote)) {
          problems.push({
            ...base,
            code: "corpus.quote_not_found",
            path: `${path}.quote`,
            message: `quote does not occur verbatim in ${citation.article}: "${citation.quote}"`,
          });
        }
      }
    });
  };
  const byId = (r: { id?: string } | Relation, i: number) => ("id" in r && r.id ? r.id : `#${i}`);
  check("actors.json", "actor", actors, byId);
  check("relations.json", "relation", relations, (r, i) => {
    const rel = r as Relation;
    return `#${i} (${rel.subject} ${rel.type} ${rel.object})`;
  });
  check("attacks.json", "attack", attacks, byId);
  check("figures.json", "figure", figures, byId);
  check("events.json", "event", events, byId);

  const ref = (
    map: ReadonlyMap<string, unknown>,
    what: string,
    id: string | null,
    file: FileName,
    record: string,
    path: string,
  ) => {
    if (id !== null && !map.has(id)) {
      problems.push({
        code: "corpus.unknown_id",
        file,
        record,
        path,
        message: `unknown ${what} "${id}"`,
      });
    }
  };
  relations.forEach((r, i) => {
    const label = `#${i} (${r.subject} ${r.type} ${r.object})`;
    ref(actor, "actor", r.subject, "relations.json", label, "subject");
    ref(actor, "actor", r.object, "relations.json", label, "object");
  });
  for (const a of loaded) {
    if (a.outletActor) ref(actor, "actor", a.outletActor, "articles.json", a.id, "outletActor");
  }
  for (const a of attacks) {
    a.perpetrators.forEach((p, i) => {
      ref(actor, "actor", p.actor, "attacks.json", a.id, `perpetrators.${i}.actor`);
      p.by.forEach((b, j) => {
        ref(actor, "actor", b, "attacks.json", a.id, `perpetrators.${i}.by.${j}`);
      });
    });
    ref(figure, "figure", a.casualties.killed, "attacks.json", a.id, "casualties.killed");
    ref(figure, "figure", a.casualties.injured, "attacks.json", a.id, "casualties.injured");
  }
  for (const g of figures) {
    g.values.forEach((v, i) => {
      // The statement must be the source's own words, not a paraphrase beside a true quote.
      if (!v.citation.quote.includes(v.text)) {
        problems.push({
          code: "corpus.value_not_in_quote",
          file: "figures.json",
          record: g.id,
          path: `values.${i}.text`,
          message: `"${v.text}" does not occur in its quote "${v.citation.quote}"`,
        });
      }
    });
    g.about.actors.forEach((id, i) => {
      ref(actor, "actor", id, "figures.json", g.id, `about.actors.${i}`);
    });
    g.about.attacks.forEach((id, i) => {
      ref(attack, "attack", id, "figures.json", g.id, `about.attacks.${i}`);
    });
    g.values.forEach((v, i) => {
      v.attributedTo.forEach((id, j) => {
        ref(actor, "actor", id, "figures.json", g.id, `values.${i}.attributedTo.${j}`);
      });
    });
  }

  for (const e of events) {
    e.actors.forEach((a, i) => {
      ref(actor, "actor", a.actor, "events.json", e.id, `actors.${i}.actor`);
    });
    e.attacks.forEach((id, i) => {
      ref(attack, "attack", id, "events.json", e.id, `attacks.${i}`);
    });
  }

  problems.push(...checkFigures(figures, qualifiers));
  const namedFiles: NamedFiles = [
    ["actors.json", actors],
    ["attacks.json", attacks],
    ["events.json", events],
  ];
  const inSomeText = namesInTexts(loaded, namedFiles);
  problems.push(...namesNotInTexts(inSomeText, namedFiles));
  problems.push(...editorAliasesInTexts(inSomeText, namedFiles));
  problems.push(...hedgesDropped(corpus.hedges, actors, relations, attacks));
  problems.push(...creditsNotInQuotes(article, actor, attacks, figures));
  // A date's words may come from any quote of its record.
  const dated = (r: Attack | Event, kind: "attack" | "event"): DatedRecord => ({
    id: r.id,
    date: r.date,
    citations: citationsOf(kind, r).map((c) => c.citation),
  });
  problems.push(
    ...dateProblems(
      "attacks.json",
      attacks.map((a) => dated(a, "attack")),
    ),
  );
  problems.push(
    ...dateProblems(
      "events.json",
      events.map((e) => dated(e, "event")),
    ),
  );
  problems.push(...questionWordsNotInRecords(corpus.questions, { actors, attacks, figures }));
  const ids = statementIds({ actors, relations, attacks, figures, events });
  problems.push(...duplicateStatementIds(ids));

  if (problems.length > 0) return fail(problems);

  const stats: CorpusStats = {
    articles: loaded.length,
    actors: actors.length,
    relations: relations.length,
    attacks: attacks.filter((a) => a.status === "carried-out").length,
    plots: attacks.filter((a) => a.status === "foiled").length,
    allegedPlots: attacks.filter((a) => a.status === "alleged").length,
    events: events.length,
    figureGroups: figures.length,
    figureValues: figures.reduce((n, g) => n + g.values.length, 0),
    facts:
      actors.reduce((n, a) => n + a.facts.length, 0) +
      attacks.reduce((n, a) => n + a.facts.length, 0) +
      events.reduce((n, e) => n + e.facts.length, 0),
    citations: citationCount,
    ...verdictStats(countVerdicts(figures, qualifiers)),
    editorAliases: [...actors, ...attacks, ...events].reduce(
      (n, r) => n + r.editorAliases.length,
      0,
    ),
    editorNames: [...actors, ...attacks, ...events].filter((r) => r.nameReason).length,
    statementIds: ids.length,
  };
  return ok({ corpus, stats });
}
