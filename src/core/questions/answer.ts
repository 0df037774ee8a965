import { actorAnswer } from "../answers/actor.ts";
import { attackAnswer } from "../answers/attack.ts";
import { disputesAnswer } from "../answers/disputes.ts";
import { eventAnswer } from "../answers/event.ts";
import { figureAnswer } from "../answers/figure.ts";
import { errorReply, field, type ReplyContext } from "../reply/build.ts";
import type { Reply, Suggestion, Understood } from "../reply/schema.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { passagesFor } from "./passages.ts";
import { type Reading, readQuestion } from "./readings.ts";

/** The command each reading is answered by, and the name of its one option. */
const COMMANDS = {
  figure: { command: "figure", option: "topic", answer: figureAnswer },
  actor: { command: "actor", option: "name", answer: actorAnswer },
  attack: { command: "attack", option: "query", answer: attackAnswer },
  event: { command: "event", option: "query", answer: eventAnswer },
  disputes: {
    command: "disputes",
    option: null,
    answer: (ctx: ReplyContext) => disputesAnswer(ctx),
  },
} as const;

type Answerable = keyof typeof COMMANDS;

function commandOf(r: Reading): string {
  const { command } = COMMANDS[r.command as Answerable];
  return r.argument ? `${command} ${r.argument}` : command;
}

/** A lead over the next reading this large or larger leaves no doubt between the two. */
const CLEAR_MARGIN = 0.25;

/**
 * How surely the question was understood: the answering reading's score, halved when the next
 * reading fits as well (a coin toss between two) and whole once it leads by CLEAR_MARGIN.
 */
function confidenceOf(readings: readonly Reading[], i: number): number {
  const score = readings[i]?.score ?? 0;
  const next = readings[i + 1]?.score ?? 0;
  const lead = Math.min(1, Math.max(0, score - next) / CLEAR_MARGIN);
  return Math.round(Math.min(1, score * (0.5 + lead / 2)) * 100) / 100;
}

function understood(readings: readonly Reading[], i: number): Understood {
  const reading = readings[i] as Reading;
  const { command, option } = COMMANDS[reading.command as Answerable];
  return {
    command,
    options: option ? { [option]: reading.argument } : {},
    confidence: confidenceOf(readings, i),
  };
}

/**
 * The reply to a question, led by how it was understood ("Answered as: figure · …") and followed by
 * the other likely readings as suggestions.
 */
export function answeredAs(
  reply: Reply,
  command: ReplyContext["command"],
  understood: Understood,
  others: readonly Suggestion[],
): Reply {
  if (!reply.ok) return { ...reply, understood };
  return {
    ...reply,
    command,
    answer: {
      ...reply.answer,
      fields: [
        field("Answered as", `${understood.command} · ${reply.answer.title}`),
        ...reply.answer.fields,
      ],
    },
    suggestions: [...others, ...reply.suggestions].slice(0, 5),
    understood,
  };
}

/**
 * "What changed (since v3)?": the changes command answers it, since it reads the store's history;
 * null for any other question. `since` is the words after "since", as typed.
 */
export function changesAsked(
  snapshot: CorpusSnapshot,
  question: string,
): { since: string | null } | null {
  if (readQuestion(snapshot, question).readings[0]?.command !== "changes") return null;
  const since = /\bsince\s+(.+?)[\s?.!]*$/i.exec(question)?.[1];
  return { since: since ?? null };
}

/**
 * A plain question answered by its most likely reading, which the answer names first ("Answered
 * as: figure · …"); the next readings become suggestions, so a wrong guess costs one click. A
 * question no record answers is not_found, with the passages that share most of its words.
 */
export function questionAnswer(ctx: ReplyContext, question: string): Reply {
  const { readings, rest, focus } = readQuestion(ctx.snapshot, question);
  for (const [i, reading] of readings.entries()) {
    if (!reading.answers || reading.command === "changes") continue;
    const asked = reading.focus ?? focus;
    const reply = COMMANDS[reading.command].answer(
      asked ? { ...ctx, focus: asked } : ctx,
      reading.argument,
    );
    if (!reply.ok) continue;
    const others: Suggestion[] = readings
      .filter((r, j) => j !== i && r.command !== "changes")
      .map((r) => ({
        label: `${COMMANDS[r.command as Answerable].command}: ${r.label}`,
        command: commandOf(r),
      }));
    return answeredAs(reply, ctx.command, understood(readings, i), others);
  }
  const passages = passagesFor(ctx, rest);
  const reply = errorReply(
    ctx,
    {
      code: "not_found",
      message:
        passages.length > 0
          ? `No actor, attack or figure in the corpus answers "${question}". ${passages.length === 1 ? "A passage mentions" : "Passages mention"} it: try "search ${rest}".`
          : `Nothing in the corpus answers "${question}". Try naming an actor, attack or figure, or "help".`,
    },
    [
      ...(rest ? [{ label: `Passages about "${rest}"`, command: `search ${rest}` }] : []),
      { label: "What Factdesk answers", command: "help" },
      { label: "The articles", command: "sources" },
    ],
  );
  return { ...reply, citations: passages };
}
