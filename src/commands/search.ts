import { z } from "zod";
import { searchAnswer } from "../core/answers/search.ts";
import { defineCommand } from "./command.ts";
import { textOption } from "./input.ts";

export const search = defineCommand({
  name: "search",
  summary: "The best-matching passages from the articles, each cited.",
  usage: "search <words>",
  examples: ["search tajik migrants", "search amaq claim"],
  options: [{ name: "words", description: "Words to look for", required: true }],
  reanswerable: true,
  schema: z.strictObject({ words: textOption("words to search for") }),
  run: (ctx, { words }) => searchAnswer(ctx, words),
});
