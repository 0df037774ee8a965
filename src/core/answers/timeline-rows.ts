import type { Attack, Event } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { type CitationBook, item } from "../reply/build.ts";
import type { Item } from "../reply/schema.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { formatWhen } from "../text/dates.ts";
import { tollLine } from "./attack.ts";
import { byWhen, eventLine } from "./event-line.ts";
import type { Role } from "./involvement.ts";
import { placeText } from "./place.ts";

export type TimelineEntry = { type: "attack"; record: Attack } | { type: "event"; record: Event };

export function byDate(a: TimelineEntry, b: TimelineEntry): number {
  return byWhen(a.record, b.record);
}

/** Roles of the actor a timeline is for: "Russia: place; names Ukraine as perpetrator (alleged)". */
function roleText(actorName: string | undefined, roles: readonly Role[]): string[] {
  return actorName && roles.length > 0
    ? [`${actorName}: ${roles.map((r) => r.label).join("; ")}`]
    : [];
}

export function attackRow(
  snapshot: CorpusSnapshot,
  book: CitationBook,
  attack: Attack,
  actorName?: string,
  roles: readonly Role[] = [],
): Item {
  const { corpus } = snapshot;
  const toll = tollLine(snapshot, attack);
  const status = attack.status === "carried-out" ? "" : ` [${attack.status} plot]`;
  const text = [
    `${formatWhen(attack.date)}: ${attack.name}${status}`,
    placeText(attack.place),
    toll?.text,
    ...roleText(actorName, roles),
  ]
    .filter(Boolean)
    .join(" | ");
  const tollCites = [attack.casualties.killed, attack.casualties.injured]
    .map((id) => (id ? corpus.figureById.get(id) : undefined))
    .flatMap((g) => g?.values.map((v) => v.citation) ?? []);
  const cited = [
    ...attack.citations.slice(0, 1),
    ...roles.flatMap((r) => r.citations),
    ...tollCites,
  ];
  return item(text, book.citeAll(cited), {
    disputed: toll?.disputed ?? false,
    record: { type: "attack", id: attack.id, kind: attack.status },
  });
}

/** Who took part and as what: "US Embassy in Moscow (author), Russia (addressee)". */
export function partiesText(corpus: Corpus, event: Event): string {
  return [
    ...event.actors.map((a) => `${corpus.actorById.get(a.actor)?.name ?? a.actor} (${a.role})`),
    ...event.actorsText.map((a) => `${a.name} (${a.role})`),
  ].join(", ");
}

export function eventRow(
  corpus: Corpus,
  book: CitationBook,
  event: Event,
  actorName?: string,
  roles: readonly Role[] = [],
): Item {
  const text = [
    eventLine(event),
    // An event with no place given says nothing about it rather than "place not given".
    Object.values(event.place).some(Boolean) ? placeText(event.place) : null,
    actorName ? roleText(actorName, roles)[0] : partiesText(corpus, event) || null,
  ]
    .filter(Boolean)
    .join(" | ");
  const cited = [...event.citations.slice(0, 1), ...roles.flatMap((r) => r.citations)];
  return item(text, book.citeAll(cited), {
    record: { type: "event", id: event.id, kind: event.kind },
  });
}

/** One row per entry, each as its kind is shown. */
export function rowOf(
  snapshot: CorpusSnapshot,
  book: CitationBook,
  entry: TimelineEntry,
  actorName?: string,
  roles: readonly Role[] = [],
): Item {
  return entry.type === "attack"
    ? attackRow(snapshot, book, entry.record, actorName, roles)
    : eventRow(snapshot.corpus, book, entry.record, actorName, roles);
}
