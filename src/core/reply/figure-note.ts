import type { AnswerBody, FigureOut } from "./schema.ts";

/**
 * The sentence under a figure that says how its values relate (compatible, a revision, a
 * curator's verdict and why); null for agreement, or when the answer's summary already says it.
 */
export function figureNote(answer: Pick<AnswerBody, "summary">, figure: FigureOut): string | null {
  return figure.verdict === "agree" || answer.summary === figure.note ? null : figure.note;
}
