import { z } from "zod";
import { answeredAs, changesAsked, questionAnswer } from "../core/questions/answer.ts";
import { changes, readSince } from "./changes.ts";
import { type CommandContext, defineCommand } from "./command.ts";
import { textOption } from "./input.ts";

/**
 * "What changed since v3?" is answered by changes, which reads the store's history; words after
 * "since" that name no version or day ("since the last version") mean its default.
 */
async function changesAnswer(ctx: CommandContext, since: string | null) {
  const read = since !== null && (await readSince(since, ctx.services.now())) ? since : undefined;
  const options: { since?: string } = read === undefined ? {} : { since: read };
  const reply = await changes.run(ctx, options);
  return answeredAs(reply, ctx.command, { command: "changes", options, confidence: 1 }, []);
}

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
  run: (ctx, { question }) => {
    const asked = changesAsked(ctx.snapshot, question);
    return asked ? changesAnswer(ctx, asked.since) : questionAnswer(ctx, question);
  },
});
