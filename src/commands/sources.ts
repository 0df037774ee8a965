import { z } from "zod";
import { sourcesAnswer } from "../core/answers/sources.ts";
import { defineCommand } from "./command.ts";

export const sources = defineCommand({
  name: "sources",
  summary: "The articles in the corpus: outlet, title, date and language.",
  usage: "sources",
  examples: ["sources"],
  options: [],
  reanswerable: true,
  schema: z.strictObject({}),
  run: (ctx) => sourcesAnswer(ctx),
});
