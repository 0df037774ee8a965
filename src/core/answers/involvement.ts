import type { Actor, Attack, Citation, Event, Perpetrator } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { attribution } from "./attribution.ts";
import { placeNames } from "./place.ts";

/** One part an actor plays in an attack or event, worded for a timeline row, with its sources. */
export interface Role {
  label: string;
  citations: readonly Citation[];
}

/** "perpetrator (claimed responsibility)"; a denial or a missing claim is never called perpetrator. */
function perpetratorLabel(corpus: Corpus, p: Perpetrator): string {
  const said = attribution(corpus, p);
  return p.status === "denied" || p.status === "not-claimed" ? said : `perpetrator (${said})`;
}

/**
 * What an actor is to an attack: perpetrator (with the attribution's status and who makes it),
 * the one who names a perpetrator, or the place it happened (its names in the attack's place).
 */
export function attackRoles(corpus: Corpus, actor: Actor, attack: Attack): Role[] {
  const nameOf = (id: string) => corpus.actorById.get(id)?.name ?? id;
  const roles: Role[] = attack.perpetrators.flatMap((p) => [
    ...(p.actor === actor.id
      ? [{ label: perpetratorLabel(corpus, p), citations: p.citations }]
      : []),
    ...(p.by.includes(actor.id)
      ? [{ label: `names ${nameOf(p.actor)} as perpetrator (${p.status})`, citations: p.citations }]
      : []),
  ]);
  if (placeNames(attack.place, actor)) {
    roles.push({ label: "place", citations: attack.citations.slice(0, 1) });
  }
  return roles;
}

/** What an actor is to an event: each role the event gives it, and the place if it names it. */
export function eventRoles(actor: Actor, event: Event): Role[] {
  const roles: Role[] = event.actors
    .filter((a) => a.actor === actor.id)
    .map((a) => ({ label: a.role, citations: event.citations.slice(0, 1) }));
  if (placeNames(event.place, actor)) {
    roles.push({ label: "place", citations: event.citations.slice(0, 1) });
  }
  return roles;
}

/** The events that bear on an attack, in file order. */
export function eventsOf(corpus: Corpus, attackId: string): Event[] {
  return corpus.events.filter((e) => e.attacks.includes(attackId));
}
