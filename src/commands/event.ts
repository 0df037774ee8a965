import { z } from "zod";
import { eventAnswer } from "../core/answers/event.ts";
import { defineCommand } from "./command.ts";
import { textOption } from "./input.ts";

export const event = defineCommand({
  name: "event",
  summary:
    "Event card: a warning, statement, arrest or court appearance, with its date, who took part and the attack it bears on.",
  usage: "event <name, place or date>",
  examples: ["event us embassy warning", "event court appearance", "event amaq statement"],
  options: [
    {
      name: "query",
      description: "Name, place or date, e.g. us embassy warning",
      required: true,
      complete: "event",
    },
  ],
  reanswerable: true,
  schema: z.strictObject({ query: textOption("an event's name, place or date") }),
  run: (ctx, { query }) => eventAnswer(ctx, query),
});
