import { z } from "zod";
import { figureAnswer } from "../core/answers/figure.ts";
import { defineCommand } from "./command.ts";
import { textOption } from "./input.ts";

export const figure = defineCommand({
  name: "figure",
  summary: "Every sourced value for a number, marked disputed when sources disagree.",
  usage: "figure <topic>",
  examples: ["figure crocus death toll", "figure tajiks in russia", "figure isis-k fighters"],
  options: [
    {
      name: "topic",
      description: "What is measured, e.g. crocus death toll",
      required: true,
      complete: "figure",
    },
  ],
  reanswerable: true,
  schema: z.strictObject({ topic: textOption("a figure's topic") }),
  run: (ctx, { topic }) => figureAnswer(ctx, topic),
});
