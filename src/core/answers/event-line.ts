import type { Attack, Event } from "../corpus/schema.ts";
import { formatWhen, whenSortKey } from "../text/dates.ts";

type Dated = Pick<Attack | Event, "date" | "name">;

/** Date order; a span by its end (see whenSortKey), ties by name. */
export function byWhen(a: Dated, b: Dated): number {
  return whenSortKey(a.date).localeCompare(whenSortKey(b.date)) || a.name.localeCompare(b.name);
}

/** "23 Mar 2024 (derived from “the next day”): second statement … [statement]": one short line. */
export function eventLine(event: Event): string {
  return `${formatWhen(event.date)}: ${event.name} [${event.kind.replace(/-/g, " ")}]`;
}
