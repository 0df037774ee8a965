import type { Actor, Place } from "../corpus/schema.ts";
import { foldText } from "../text/normalize.ts";

/** "Crocus City Hall, Krasnogorsk, Moscow region, Russia", or that no place is given. */
export function placeText(place: Place): string {
  const { site, city, region, country } = place;
  return [site, city, region, country].filter(Boolean).join(", ") || "place not given";
}

/** Whether any part of a place names the actor, by any of its names, as whole words. */
export function placeNames(place: Place, actor: Actor): boolean {
  const parts = Object.values(place).flatMap((p) => (p ? [` ${foldText(p)} `] : []));
  const names = [actor.name, ...actor.aliases, ...actor.editorAliases.map((e) => e.name)];
  return names.some((n) => parts.some((p) => p.includes(` ${foldText(n)} `)));
}

/** Whether any part of a place has all the words typed (folded), as whole words. */
export function placeHasWords(place: Place, words: string): boolean {
  const key = ` ${foldText(words)} `;
  return (
    key.trim() !== "" && Object.values(place).some((p) => p && ` ${foldText(p)} `.includes(key))
  );
}
