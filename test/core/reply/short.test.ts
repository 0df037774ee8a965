import { describe, expect, it } from "vitest";
import type { OkReply } from "../../../src/core/reply/schema.ts";
import { SHORT, shorten } from "../../../src/core/reply/short.ts";
import { citation } from "../../adapters/builders.ts";

/** An answer whose one section has `n` items, item i citing citation i + 2 (1 backs the summary). */
function answer(n: number): OkReply {
  return {
    schema: 3,
    ok: true,
    command: "actor",
    query: "actor x",
    answer: {
      kind: "actor",
      title: "X",
      summary: "X is a group.",
      summaryCites: [1],
      fields: [{ label: "Kind", value: "armed group", cites: [], disputed: false }],
      sections: [
        {
          heading: "Facts",
          items: Array.from({ length: n }, (_, i) => ({
            text: `fact ${i}`,
            cites: [i + 2],
            highlights: [],
            disputed: false,
          })),
          omitted: 0,
        },
      ],
      figures: [],
      disputed: false,
      data: {
        kind: "actor",
        actor: { id: "x", name: "X", kind: "armed-group", aliases: [], role: null },
        leaders: [],
        relations: [],
        attacks: [],
        figures: [],
        facts: [],
      },
    },
    error: null,
    suggestions: [],
    more: null,
    citations: Array.from({ length: n + 1 }, (_, i) => citation(i + 1)),
    corpusVersion: "test",
    corpusLabel: "corpus test",
  };
}

describe("shorten", () => {
  it("cuts a long answer to the citation budget, renumbers what it keeps and offers more", () => {
    const short = shorten(answer(40), "more actor x");
    expect(short.citations.map((c) => c.id)).toEqual(
      Array.from({ length: SHORT.citations }, (_, i) => i + 1),
    );
    const [facts] = short.answer.sections;
    expect(facts?.items.length).toBe(SHORT.citations - 1);
    expect(facts?.omitted).toBe(40 - (SHORT.citations - 1));
    expect(facts?.items.flatMap((i) => i.cites)).toEqual(
      Array.from({ length: SHORT.citations - 1 }, (_, i) => i + 2),
    );
    expect(short.more).toEqual({ label: "More", command: "more actor x" });
  });

  it("keeps within the line budget when items cite nothing", () => {
    const long = answer(40);
    const section = long.answer.sections[0];
    if (section) section.items = section.items.map((i) => ({ ...i, cites: [] }));
    const short = shorten(long, "more actor x");
    // Title and rule, summary, a blank and one field, a blank and the heading, the "…and N more".
    const kept = SHORT.lines - 2 - 1 - 2 - 2 - 1;
    expect(short.answer.sections[0]?.items.length).toBe(kept);
    expect(short.citations.map((c) => c.id)).toEqual([1]);
  });

  it("leaves an answer that fits as it is, offering nothing more", () => {
    const small = answer(3);
    expect(shorten(small, "more actor x")).toEqual(small);
  });

  it("leaves help alone, however long", () => {
    const help = answer(40);
    help.answer.kind = "help";
    expect(shorten(help, "more help")).toEqual(help);
  });
});
