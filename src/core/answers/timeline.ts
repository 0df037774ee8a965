import type { Actor } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { citationBook, okReply, type ReplyContext, section } from "../reply/build.ts";
import type { Ref } from "../reply/data-schema.ts";
import type { Item, Reply } from "../reply/schema.ts";
import { formatWhen, isSpan, plainDate } from "../text/dates.ts";
import { compactKey } from "../text/normalize.ts";
import { attackRoles, eventRoles, type Role } from "./involvement.ts";
import { lookUp } from "./look-up.ts";
import { placeHasWords } from "./place.ts";
import { attackOut, eventOut } from "./record-data.ts";
import { byDate, rowOf, type TimelineEntry } from "./timeline-rows.ts";

/** Which rows a timeline shows: `timeline events …`, `timeline attacks …`, or both. */
export type TimelineKind = "all" | "attacks" | "events";

interface Scope {
  title: string;
  /** "linked to Russia", "" for the whole corpus. */
  linked: string;
  entries: TimelineEntry[];
  /** The roles of the actor the timeline is for, per entry. */
  roles?: Map<TimelineEntry, Role[]>;
  actor?: Actor;
  /** The actor, attack or event it is for, as data names it; absent for a place or everything. */
  about?: Ref;
}

function everything(corpus: Corpus): TimelineEntry[] {
  return [
    ...corpus.attacks.map((record) => ({ type: "attack" as const, record })),
    ...corpus.events.map((record) => ({ type: "event" as const, record })),
  ];
}

/** Every attack and event the actor has a part in, with the parts. */
function actorScope(corpus: Corpus, actor: Actor): Scope {
  const roles = new Map<TimelineEntry, Role[]>();
  for (const entry of everything(corpus)) {
    const found =
      entry.type === "attack"
        ? attackRoles(corpus, actor, entry.record)
        : eventRoles(actor, entry.record);
    if (found.length > 0) roles.set(entry, found);
  }
  return {
    title: `Timeline: ${actor.name}`,
    linked: ` linked to ${actor.name}`,
    entries: [...roles.keys()],
    roles,
    actor,
    about: { id: actor.id, name: actor.name },
  };
}

/** An attack and the events that bear on it; an event with its attacks and their events. */
function recordScope(corpus: Corpus, entry: TimelineEntry): Scope {
  const attackIds = entry.type === "attack" ? [entry.record.id] : entry.record.attacks;
  const entries = everything(corpus).filter(
    (e) =>
      (e.type === entry.type && e.record.id === entry.record.id) ||
      (e.type === "attack"
        ? attackIds.includes(e.record.id)
        : e.record.attacks.some((id) => attackIds.includes(id))),
  );
  return {
    title: `Timeline: ${entry.record.name}`,
    linked: ` linked to ${entry.record.name}`,
    entries,
    about: { id: entry.record.id, name: entry.record.name },
  };
}

/**
 * What `timeline <name>` is about. A name or alias of an actor (places are actors too), attack or
 * event wins; then a place as typed ("moscow") matched against every place; then a record found
 * by some of its words; else the actor look-up's "no actor matches", with its suggestions.
 */
function resolveScope(ctx: ReplyContext, name: string): Scope | { reply: Reply } {
  const { corpus, names } = ctx.snapshot;
  const key = compactKey(name);
  const found = [
    { index: names.actors, scope: (id: string) => actorScopeOf(corpus, id) },
    { index: names.attacks, scope: (id: string) => attackScopeOf(corpus, id) },
    { index: names.events, scope: (id: string) => eventScopeOf(corpus, id) },
  ].flatMap(({ index, scope }) => {
    const r = index.resolve(name);
    if (r.kind !== "found") return [];
    const exact = index.entries.get(r.id)?.names.some((n) => compactKey(n) === key) ?? false;
    return [{ exact, scope: () => scope(r.id) }];
  });
  const exact = found.find((f) => f.exact);
  if (exact) return exact.scope();
  const atPlace = everything(corpus).filter((e) => placeHasWords(e.record.place, name));
  if (atPlace.length > 0) {
    return { title: `Timeline: ${name}`, linked: ` whose place names "${name}"`, entries: atPlace };
  }
  if (found[0]) return found[0].scope();
  const missing = lookUp(
    ctx,
    names.actors,
    name,
    ["actor or place", "actors or places"],
    "timeline",
  );
  if ("reply" in missing) return missing;
  throw new Error(`actor index names unknown actor ${missing.id}`);
}

function actorScopeOf(corpus: Corpus, id: string): Scope {
  return actorScope(corpus, must(corpus.actorById.get(id), id));
}
function attackScopeOf(corpus: Corpus, id: string): Scope {
  return recordScope(corpus, { type: "attack", record: must(corpus.attackById.get(id), id) });
}
function eventScopeOf(corpus: Corpus, id: string): Scope {
  return recordScope(corpus, { type: "event", record: must(corpus.eventById.get(id), id) });
}
function must<T>(record: T | undefined, id: string): T {
  if (!record) throw new Error(`name index names unknown record ${id}`);
  return record;
}

const NOUNS: Record<TimelineKind, string> = {
  all: "attacks, plots and events",
  attacks: "attacks and plots",
  events: "events",
};
const NONE: Record<TimelineKind, string> = {
  all: "attack, plot or event",
  attacks: "attack or plot",
  events: "event",
};

/**
 * The lead: how many, over which years, and the latest ("6 attacks and plots and 6 events linked to
 * ISKP, from 2019 to 22 Mar 2024; the latest: Crocus City Hall attack, 22 Mar 2024.").
 */
function leadOf(counts: string, linked: string, entries: readonly TimelineEntry[]): string {
  const first = entries[0]?.record.date;
  const last = entries.at(-1);
  if (!first || !last) return "";
  const from = plainDate(isSpan(first) ? first.from : first);
  const latest = last.record.date;
  const to = plainDate(isSpan(latest) ? latest.to : latest);
  const range = from === to ? `, on ${from}` : `, from ${from} to ${to}`;
  return `${counts}${linked}${range}; the latest: ${last.record.name}, ${formatWhen(latest)}.`;
}

export function timelineAnswer(
  ctx: ReplyContext,
  name: string | undefined,
  kind: TimelineKind = "all",
): Reply {
  const { corpus } = ctx.snapshot;
  const scope: Scope | { reply: Reply } = name
    ? resolveScope(ctx, name)
    : { title: "Timeline of attacks, plots and events", linked: "", entries: everything(corpus) };
  if ("reply" in scope) return scope.reply;
  const book = citationBook(corpus);
  const entries = scope.entries
    .filter((e) => kind === "all" || (kind === "attacks") === (e.type === "attack"))
    .sort(byDate);
  const items: Item[] = entries.map((e) =>
    rowOf(ctx.snapshot, book, e, scope.actor?.name, scope.roles?.get(e)),
  );
  const attacks = entries.filter((e) => e.type === "attack").length;
  const events = entries.length - attacks;
  const counts = [
    // "1 event", not "0 attacks and plots and 1 event"; a filtered kind is counted even at 0.
    kind === "attacks" || (kind === "all" && attacks > 0) ? `${attacks} attacks and plots` : null,
    kind === "events" || (kind === "all" && events > 0)
      ? `${events} event${events === 1 ? "" : "s"}`
      : null,
  ]
    .filter(Boolean)
    .join(" and ");
  const heading = NOUNS[kind].replace(/^./, (c) => c.toUpperCase());
  return okReply(
    ctx,
    {
      kind: "timeline",
      title: kind === "all" ? scope.title : `${scope.title} (${NOUNS[kind]})`,
      summary:
        items.length > 0
          ? `${leadOf(counts, scope.linked, entries)} Dates are as precise as the sources allow; a span sorts by its end.`
          : `No ${NONE[kind]} in the corpus is${scope.linked || " recorded"}.`,
      fields: [],
      sections: [section(heading, items)],
      data: {
        kind: "timeline",
        scope: scope.about ?? null,
        rows: entries.map((e) =>
          e.type === "attack"
            ? { type: "attack" as const, attack: attackOut(e.record) }
            : { type: "event" as const, event: eventOut(corpus, e.record) },
        ),
      },
    },
    book,
    entries
      .slice(0, 3)
      .map((e) =>
        e.type === "attack"
          ? { label: e.record.name, command: `attack ${e.record.name}` }
          : { label: e.record.name, command: `timeline ${e.record.name}` },
      ),
  );
}
