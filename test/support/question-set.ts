import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Reply } from "../../src/core/reply/schema.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { testCaller, testResponder } from "./responder.ts";

// The question set of issue 12: reporters' questions written from the five articles, with the
// record each should be answered from. The test and `npm run bench` both score it here.

const Expected = z.union([
  z.string().regex(/^(figure|actor|attack) [a-z0-9-]+$/),
  z.enum(["disputes", "changes", "not_found"]),
]);

export const QuestionCase = z.strictObject({
  question: z.string().min(1),
  /** Any of these is a right answer: "figure crocus-killed", "disputes", "not_found"… */
  expect: z.array(Expected).min(1),
  /** The held-out half was not looked at while the reading rules were improved. */
  half: z.enum(["seen", "held-out"]),
});
export type QuestionCase = z.infer<typeof QuestionCase>;

export const QUESTION_SET: readonly QuestionCase[] = z
  .array(QuestionCase)
  .parse(JSON.parse(readFileSync(new URL("../fixtures/questions.json", import.meta.url), "utf8")));

const FIXED: Record<string, string> = { disputes: "disputes", changes: "changes" };

/** What a reply answered, in the question set's terms: "actor isis-k", "not_found"… */
export function answeredAs(snapshot: CorpusSnapshot, reply: Reply): string {
  const understood = reply.understood;
  // changes is understood even where it cannot answer (no store history in the set's snapshot).
  const fixed = understood && FIXED[understood.command];
  if (fixed) return fixed;
  if (!reply.ok) return reply.error.code;
  if (!understood) return "not understood";
  const index = { figure: "figures", actor: "actors", attack: "attacks" }[understood.command] as
    | "figures"
    | "actors"
    | "attacks"
    | undefined;
  const [argument] = Object.values(understood.options);
  const found = index && argument !== undefined && snapshot.names[index].resolve(argument);
  return found && found.kind === "found" ? `${understood.command} ${found.id}` : understood.command;
}

export interface Scored {
  case: QuestionCase;
  got: string;
  right: boolean;
}

/** Each question asked as people ask it, through the responder's `ask`. */
export async function score(
  snapshot: CorpusSnapshot,
  cases: readonly QuestionCase[],
): Promise<Scored[]> {
  const responder = testResponder(snapshot);
  const scored: Scored[] = [];
  for (const c of cases) {
    const { reply } = await responder.answer({
      caller: testCaller(),
      input: { text: `ask ${c.question}` },
    });
    const got = answeredAs(snapshot, reply);
    scored.push({ case: c, got, right: c.expect.includes(got) });
  }
  return scored;
}

/** The share answered right, 0..1. */
export function shareRight(scored: readonly Scored[]): number {
  return scored.length === 0 ? 0 : scored.filter((s) => s.right).length / scored.length;
}
