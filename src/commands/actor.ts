import { z } from "zod";
import { actorAnswer } from "../core/answers/actor.ts";
import { defineCommand } from "./command.ts";
import { textOption } from "./input.ts";

export const actor = defineCommand({
  name: "actor",
  summary: "Profile of a group, government, person or outlet: aliases, facts, relations, attacks.",
  usage: "actor <name>",
  examples: ["actor iskp", "actor rahmon", "actor taliban"],
  options: [
    { name: "name", description: "Name or alias, e.g. ISKP", required: true, complete: "actor" },
  ],
  reanswerable: true,
  schema: z.strictObject({ name: textOption("an actor's name") }),
  run: (ctx, { name }) => actorAnswer(ctx, name),
});
