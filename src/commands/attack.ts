import { z } from "zod";
import { attackAnswer } from "../core/answers/attack.ts";
import { defineCommand } from "./command.ts";
import { textOption } from "./input.ts";

export const attack = defineCommand({
  name: "attack",
  summary:
    "Incident card for an attack or plot: date, place, perpetrators, tolls by source, related events.",
  usage: "attack <name, place or date>",
  examples: ["attack crocus", "attack kerman", "attack 2024-03-22"],
  options: [
    {
      name: "query",
      description: "Name, place or date, e.g. crocus",
      required: true,
      complete: "attack",
    },
  ],
  reanswerable: true,
  schema: z.strictObject({ query: textOption("an attack's name, place or date") }),
  run: (ctx, { query }) => attackAnswer(ctx, query),
});
