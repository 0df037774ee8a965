import { z } from "zod";
import { type TimelineKind, timelineAnswer } from "../core/answers/timeline.ts";
import { defineCommand } from "./command.ts";
import { textOption } from "./input.ts";

const KINDS = ["all", "attacks", "events"] as const satisfies readonly TimelineKind[];

/**
 * "events russia", "russia events", "attacks", "crocus": a kind word first or last picks the
 * rows; what is left names the actor, place, attack or event.
 */
function textToOptions(text: string): Record<string, string> {
  const words = text.split(" ").filter(Boolean);
  const isKind = (w: string | undefined) => KINDS.some((k) => k === w?.toLowerCase());
  const options: Record<string, string> = {};
  if (isKind(words[0])) options.kind = (words.shift() as string).toLowerCase();
  else if (words.length > 1 && isKind(words.at(-1)))
    options.kind = (words.pop() as string).toLowerCase();
  if (words.length > 0) options.name = words.join(" ");
  return options;
}

export const timeline = defineCommand({
  name: "timeline",
  summary:
    "Attacks, plots and events in date order, for an actor, place or attack, or attacks or events only.",
  usage: "timeline [attacks|events] [actor, place or attack]",
  examples: ["timeline", "timeline russia", "timeline events crocus", "timeline attacks isis-k"],
  options: [
    { name: "kind", description: "attacks, events or all (the default)", required: false },
    {
      name: "name",
      description: "An actor, place, attack or event, e.g. russia",
      required: false,
      complete: "actor",
    },
  ],
  reanswerable: true,
  fromText: textToOptions,
  schema: z.strictObject({
    kind: z
      .string()
      .transform((k) => k.toLowerCase())
      .pipe(z.enum(KINDS, { error: 'kind is "attacks", "events" or "all"' }))
      .optional(),
    name: textOption("an actor, place, attack or event").optional(),
  }),
  run: (ctx, { kind, name }) => timelineAnswer(ctx, name, kind),
});
