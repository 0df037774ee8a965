import { actorAnswer } from "../answers/actor.ts";
import { attackAnswer } from "../answers/attack.ts";
import { disputesAnswer } from "../answers/disputes.ts";
import { figureAnswer } from "../answers/figure.ts";
import { searchAnswer } from "../answers/search.ts";
import { errorReply, field, type ReplyContext } from "../reply/build.ts";
import type { Reply, Suggestion } from "../reply/schema.ts";
import { type Reading, readQuestion } from "./readings.ts";

function answerReading(ctx: ReplyContext, reading: Reading): Reply {
  switch (reading.command) {
    case "figure":
      return figureAnswer(ctx, reading.argument);
    case "actor":
      return actorAnswer(ctx, reading.argument);
    case "attack":
      return attackAnswer(ctx, reading.argument);
    case "disputes":
      return disputesAnswer(ctx);
    case "search":
      return searchAnswer(ctx, reading.argument);
  }
}

const commandOf = (r: Reading) => (r.argument ? `${r.command} ${r.argument}` : r.command);

/**
 * A plain question answered by its most likely reading, which the answer names first ("Answered
 * as: figure · …"); the next readings become suggestions, so a wrong guess costs one click.
 */
export function questionAnswer(ctx: ReplyContext, question: string): Reply {
  const readings = readQuestion(ctx.snapshot, question);
  for (const [i, reading] of readings.entries()) {
    const reply = answerReading(ctx, reading);
    if (!reply.ok) continue;
    const others: Suggestion[] = readings
      .filter((r, j) => j !== i && r.command !== "search")
      .map((r) => ({ label: `${r.command}: ${r.label}`, command: commandOf(r) }));
    return {
      ...reply,
      command: ctx.command,
      answer: {
        ...reply.answer,
        fields: [
          field("Answered as", `${reading.command} · ${reply.answer.title}`),
          ...reply.answer.fields,
        ],
      },
      suggestions: [...others, ...reply.suggestions].slice(0, 5),
    };
  }
  return errorReply(
    ctx,
    {
      code: "not_found",
      message: `Nothing in the corpus answers "${question}". Try naming an actor, attack or figure, or "help".`,
    },
    [
      { label: "What Factdesk answers", command: "help" },
      { label: "The articles", command: "sources" },
    ],
  );
}
