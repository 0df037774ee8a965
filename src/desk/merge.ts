import { canonicalJson } from "../core/corpus/version.ts";
import { type DraftFiles, KINDS, type Kind, recordKey, recordsOf, withRecord } from "./records.ts";

/** One record both the draft and a later published version changed, differently. */
export interface Conflict {
  key: string;
  base: unknown;
  draft: unknown;
  published: unknown;
}

const same = (a: unknown, b: unknown) =>
  (a === undefined ? "∅" : canonicalJson(a)) === (b === undefined ? "∅" : canonicalJson(b));

const byId = (files: DraftFiles, kind: Kind) =>
  new Map(recordsOf(files, kind).map((r) => [r.id, r]));

const OTHER_FILES = ["qualifiers.json", "questions.json", "hedges.json"];

/**
 * Brings a draft up to date with the version published since its base, record by record: what
 * only one side changed is taken from it; what both changed alike is kept; what both changed
 * differently is a conflict, and the draft keeps its own until the curator decides.
 */
export function mergeDraft(
  base: DraftFiles,
  draft: DraftFiles,
  published: DraftFiles,
): { files: DraftFiles; conflicts: Conflict[] } {
  let files = published;
  const conflicts: Conflict[] = [];
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const b = byId(base, kind);
    const d = byId(draft, kind);
    const p = byId(published, kind);
    for (const id of new Set([...b.keys(), ...d.keys(), ...p.keys()])) {
      const [was, mine, theirs] = [b.get(id), d.get(id), p.get(id)];
      if (same(was, mine)) continue;
      if (!same(was, theirs) && !same(mine, theirs)) {
        conflicts.push({
          key: recordKey(kind, id),
          base: was ?? null,
          draft: mine ?? null,
          published: theirs ?? null,
        });
      }
      files = withRecord(files, kind, id, mine ?? null);
    }
  }
  const json = { ...files.json };
  for (const name of OTHER_FILES) {
    if (base.json[name] !== draft.json[name]) json[name] = draft.json[name] ?? null;
  }
  const texts = { ...published.texts };
  for (const [id, text] of Object.entries(draft.texts)) {
    if (base.texts[id] !== text) texts[id] = text;
  }
  for (const id of Object.keys(base.texts)) if (!(id in draft.texts)) delete texts[id];
  return { files: { json, texts }, conflicts };
}
