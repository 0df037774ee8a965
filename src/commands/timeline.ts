import { z } from "zod";
import { timelineAnswer } from "../core/answers/timeline.ts";
import { defineCommand } from "./command.ts";
import { textOption } from "./input.ts";

export const timeline = defineCommand({
  name: "timeline",
  summary: "Attacks and plots in date order with place and toll, optionally for one actor.",
  usage: "timeline [actor]",
  examples: ["timeline", "timeline isis-k"],
  options: [
    { name: "actor", description: "Only this actor's attacks", required: false, complete: "actor" },
  ],
  reanswerable: true,
  schema: z.strictObject({ actor: textOption("an actor's name").optional() }),
  run: (ctx, { actor }) => timelineAnswer(ctx, actor),
});
