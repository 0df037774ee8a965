import { createHash } from "node:crypto";
import type { z } from "zod";
import type { CorpusProblem } from "../core/corpus/problem.ts";
import { Actor, Article, Attack, Event, FigureGroup, Relation } from "../core/corpus/schema.ts";
import type { RawCorpusFiles } from "../core/corpus/types.ts";
import { validateCorpus } from "../core/corpus/validate.ts";
import { canonicalJson } from "../core/corpus/version.ts";
import { asCorpusFiles } from "../corpus/files.ts";
import type { DeskDraft } from "../ports/desk-store.ts";

/** The kinds of record the desk edits, each with its data file and schema. */
export const KINDS = {
  articles: { file: "articles.json", schema: Article, label: "Articles" },
  actors: { file: "actors.json", schema: Actor, label: "Actors and aliases" },
  relations: { file: "relations.json", schema: Relation, label: "Relations" },
  attacks: { file: "attacks.json", schema: Attack, label: "Attacks and plots" },
  events: { file: "events.json", schema: Event, label: "Events" },
  figures: { file: "figures.json", schema: FigureGroup, label: "Figures and values" },
} as const satisfies Record<string, { file: string; schema: z.ZodType; label: string }>;
export type Kind = keyof typeof KINDS;
export const isKind = (k: string): k is Kind => Object.hasOwn(KINDS, k);

export type DraftFiles = DeskDraft["files"];
export type RecordJson = { id: string } & Record<string, unknown>;

export const recordKey = (kind: Kind, id: string) => `${kind}/${id}`;

export function filesOf(files: DraftFiles): RawCorpusFiles {
  return asCorpusFiles(files.json, files.texts);
}

/** A kind's records as stored, in file order; an unreadable file reads as none. */
export function recordsOf(files: DraftFiles, kind: Kind): RecordJson[] {
  try {
    const parsed: unknown = JSON.parse(files.json[KINDS[kind].file] ?? "[]");
    return Array.isArray(parsed)
      ? parsed.filter((r): r is RecordJson => typeof r?.id === "string")
      : [];
  } catch {
    return [];
  }
}

export const recordOf = (files: DraftFiles, kind: Kind, id: string) =>
  recordsOf(files, kind).find((r) => r.id === id) ?? null;

/** The files with one record replaced, added (at the end) or removed (null). */
export function withRecord(
  files: DraftFiles,
  kind: Kind,
  id: string,
  record: RecordJson | null,
): DraftFiles {
  const records = recordsOf(files, kind);
  const at = records.findIndex((r) => r.id === id);
  if (record === null) {
    if (at >= 0) records.splice(at, 1);
  } else if (at >= 0) records[at] = record;
  else records.push(record);
  const json = { ...files.json, [KINDS[kind].file]: `${JSON.stringify(records, null, 2)}\n` };
  return { json, texts: files.texts };
}

/** A short fingerprint of a record as someone loaded it, so a later save can tell it changed. */
export function fingerprint(record: unknown): string {
  return createHash("sha256")
    .update(record === null ? "null" : canonicalJson(record))
    .digest("hex")
    .slice(0, 16);
}

/** A message for a form field: the path it concerns ("values.0.citation.quote") and the sentence. */
export interface FieldMessage {
  path: string;
  message: string;
}

/** Units a figure may be counted in: those the draft's figures use, so a typo is caught. */
export function knownUnits(files: DraftFiles): Set<string> {
  return new Set(recordsOf(files, "figures").map((g) => String(g.unit)));
}

export function schemaMessages(kind: Kind, value: unknown): FieldMessage[] {
  const parsed = KINDS[kind].schema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({
    path: i.path.join("."),
    message: i.code === "unrecognized_keys" ? `unknown field(s): ${i.keys.join(", ")}` : i.message,
  }));
}

/** The corpus problems that concern one record: what its save must not introduce. */
export function problemsOf(problems: readonly CorpusProblem[], kind: Kind, id: string) {
  return problems.filter(
    (p) => (p.file === KINDS[kind].file || p.file.startsWith(`articles/${id}`)) && p.record === id,
  );
}

/**
 * Checks a record as it would be saved: its schema, then every corpus check on the draft with
 * it, keeping the problems about it (others in the draft are the review page's business).
 */
export function checkRecord(
  files: DraftFiles,
  kind: Kind,
  id: string,
  record: RecordJson,
): { files: DraftFiles; messages: FieldMessage[] } {
  const next = withRecord(files, kind, id, record);
  const messages = schemaMessages(kind, record);
  if (messages.length > 0) return { files: next, messages };
  const units = knownUnits(files);
  if (kind === "figures" && typeof record.unit === "string" && !units.has(record.unit)) {
    messages.push({
      path: "unit",
      message: `unknown unit "${record.unit}": use one the corpus counts in (${[...units].sort().join(", ")})`,
    });
  }
  const checked = validateCorpus(filesOf(next));
  if (checked.ok) return { files: next, messages };
  const mine = problemsOf(checked.error, kind, record.id);
  return {
    files: next,
    messages: [...messages, ...mine.map((p) => ({ path: p.path, message: p.message }))],
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The statements a record holds, where a `correction` goes: a relation or event itself, and its
 * facts, perpetrators or figure values. References into the record, so setting one changes it.
 */
function statementsIn(kind: Kind, record: RecordJson): Record<string, unknown>[] {
  const list = (key: string) => {
    const v = record[key];
    return Array.isArray(v) ? v.filter(isObject) : [];
  };
  return [
    ...(kind === "relations" || kind === "events" ? [record] : []),
    ...list("facts"),
    ...(kind === "attacks" ? list("perpetrators") : []),
    ...(kind === "figures" ? list("values") : []),
  ];
}

/** What a statement states: not its correction, and an event not its facts (they are their own). */
const stated = (s: Record<string, unknown>, top: boolean) => {
  const { correction: _, ...rest } = s;
  if (top && "facts" in rest) delete rest.facts;
  return canonicalJson(rest);
};

/**
 * The record with `reason` as the correction of every statement it revises against the
 * published record, unless the curator gave that statement a new one of its own; channels'
 * corrections carry it.
 */
export function withCorrections(
  kind: Kind,
  record: RecordJson,
  published: RecordJson | null,
  reason: string,
): RecordJson {
  if (!published || reason === "") return record;
  const next = structuredClone(record);
  const before = new Map(statementsIn(kind, published).map((s) => [s.id, s]));
  for (const s of statementsIn(kind, next)) {
    const old = before.get(s.id);
    const top = s === next;
    // A correction carried over from an earlier revision is replaced; the curator's own is kept.
    const own = s.correction && s.correction !== old?.correction;
    if (old && !own && stated(s, top) !== stated(old, top)) s.correction = reason;
  }
  return next;
}

/**
 * The files with `reason` as the correction of the statement `id`, unless it has one of its own
 * (one other than `previous`, the correction it was published with).
 */
export function withCorrectionOf(
  files: DraftFiles,
  id: string,
  reason: string,
  previous?: string,
): DraftFiles {
  if (reason === "") return files;
  for (const kind of Object.keys(KINDS) as Kind[]) {
    for (const record of recordsOf(files, kind)) {
      const s = statementsIn(kind, record).find((x) => x.id === id);
      if (!s) continue;
      if (s.correction && s.correction !== previous) return files;
      s.correction = reason;
      return withRecord(files, kind, record.id, record);
    }
  }
  return files;
}
