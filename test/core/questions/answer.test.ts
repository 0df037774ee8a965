import { beforeAll, describe, expect, it } from "vitest";
import { questionAnswer } from "../../../src/core/questions/answer.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { bundledSnapshot } from "../../support/corpus.ts";

let snapshot: CorpusSnapshot;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
});
const ask = (question: string) =>
  questionAnswer({ snapshot, command: "ask", query: question }, question);

describe("questionAnswer", () => {
  it("answers from the best reading and says first how it understood the question", () => {
    const reply = ask("how many people died in the crocus attack?");
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.command).toBe("ask");
    expect(reply.answer.fields[0]).toEqual({
      label: "Answered as",
      value: `figure · ${reply.answer.title}`,
      cites: [],
      disputed: false,
    });
    expect(reply.answer.figures[0]?.id).toBe("crocus-killed");
    expect(reply.citations.length).toBeGreaterThan(0);
  });

  it("offers the other readings as one-click suggestions, never the one it answered", () => {
    const reply = ask("how many died in crocus");
    if (!reply.ok) throw new Error(reply.error.message);
    const commands = reply.suggestions.map((s) => s.command);
    expect(commands.length).toBeGreaterThan(0);
    expect(commands).toContain("figure crocus injured");
    expect(commands.filter((c) => c === "figure crocus death toll")).toEqual([]);
  });

  it("says plainly when nothing in the corpus answers, inventing nothing", () => {
    const reply = ask("zebra xylophone");
    expect(reply).toMatchObject({ ok: false, answer: null, error: { code: "not_found" } });
    expect(reply.citations).toEqual([]);
  });
});
