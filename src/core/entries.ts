import type { Actor, Attack, FigureGroup } from "./corpus/schema.ts";
import type { NameEntry } from "./names.ts";
import { formatFuzzyDate, monthName } from "./text/dates.ts";

// What each record can be named and found by: the snapshot's look-ups are built from these, and
// the corpus check reads question words against the same terms.

/** Every name a look-up accepts: the editors' aliases too, though answers never show them. */
export function namesOf(record: Actor | Attack): string[] {
  return [record.name, ...record.aliases, ...record.editorAliases.map((e) => e.name)];
}

export function actorEntries(actors: readonly Actor[]): NameEntry[] {
  return actors.map((a) => ({ id: a.id, label: a.name, names: namesOf(a) }));
}

export function attackEntries(attacks: readonly Attack[]): NameEntry[] {
  return attacks.map((a) => ({
    id: a.id,
    label: a.name,
    names: namesOf(a),
    words: [
      ...Object.values(a.place).filter((p): p is string => p !== null),
      a.date.value,
      formatFuzzyDate({ ...a.date, estimated: false, qualifier: undefined }),
      monthName(a.date),
      ...a.kinds,
    ],
  }));
}

export function figureEntries(figures: readonly FigureGroup[]): NameEntry[] {
  return figures.map((f) => ({
    id: f.id,
    label: f.measure,
    names: [...f.topics, f.id],
    words: [f.measure],
  }));
}
