import type { Actor, Attack, Event, FigureGroup, Place } from "./corpus/schema.ts";
import type { NameEntry } from "./names.ts";
import { whenWords } from "./text/dates.ts";

// What each record can be named and found by: the snapshot's look-ups are built from these, and
// the corpus check reads question words against the same terms.

/** Every name a look-up accepts: the editors' aliases too, though answers never show them. */
export function namesOf(record: Actor | Attack | Event): string[] {
  return [record.name, ...record.aliases, ...record.editorAliases.map((e) => e.name)];
}

function placeWords(place: Place): string[] {
  return Object.values(place).filter((p): p is string => p !== null);
}

export function actorEntries(actors: readonly Actor[]): NameEntry[] {
  return actors.map((a) => ({ id: a.id, label: a.name, names: namesOf(a) }));
}

export function attackEntries(attacks: readonly Attack[]): NameEntry[] {
  return attacks.map((a) => ({
    id: a.id,
    label: a.name,
    names: namesOf(a),
    words: [...placeWords(a.place), ...whenWords(a.date), ...a.kinds],
  }));
}

export function eventEntries(events: readonly Event[]): NameEntry[] {
  return events.map((e) => ({
    id: e.id,
    label: e.name,
    names: namesOf(e),
    words: [...placeWords(e.place), ...whenWords(e.date), e.kind],
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
