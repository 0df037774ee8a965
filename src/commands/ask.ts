import { z } from "zod";
import { questionAnswer } from "../core/questions/answer.ts";
import { defineCommand } from "./command.ts";
import { textOption } from "./input.ts";

export const ask = defineCommand({
  name: "ask",
  summary: "A question in plain words; text that starts with no command is asked this way.",
  usage: "ask <question>",
  examples: [
    "ask how many people died in the crocus attack",
    "ask who leads iskp",
    "ask when was isis-k founded",
  ],
  options: [{ name: "question", description: "Your question, in plain words", required: true }],
  reanswerable: true,
  schema: z.strictObject({ question: textOption("a question") }),
  run: (ctx, { question }) => questionAnswer(ctx, question),
});
