import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  citationsFor,
  citedIds,
  citeEach,
  citeList,
  citeTail,
  entriesLength,
  figureNote,
  fitEntries,
  fitLines,
  fitParts,
  type Line,
  type Markup,
  moreText,
  type Part,
  textLine,
  widest,
} from "../../src/adapters/layout.ts";
import type { AnswerBody, FigureOut } from "../../src/core/reply/schema.ts";
import { citation } from "./builders.ts";

const MARKUP: Markup = {
  clip: (text, max) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`),
  note: (text) => `_${text}_`,
};

const line = (body: string, ids: number[] = []): Line => ({ body, tail: citeEach(ids), ids });

/** The number a "…and N more" note (in MARKUP's style) says, or 0 without one. */
const noted = (text: string) => Number(/_…and (\d+) more_$/.exec(text)?.[1] ?? 0);

describe("citation tails", () => {
  it("writes numbers in each platform's format", () => {
    expect(citeEach([1, 4])).toBe(" [1][4]");
    expect(citeList([1, 4])).toBe(" [1, 4]");
    expect(citeEach([])).toBe("");
    expect(moreText(1, "source")).toBe("…and 1 more source");
    expect(moreText(3, "source")).toBe("…and 3 more sources");
    expect(moreText(2)).toBe("…and 2 more");
  });

  it("keeps the first numbers that fit, with the mark, and says which it shows", () => {
    const ids = Array.from({ length: 50 }, (_, i) => i + 1);
    const cited = citeTail(ids, citeEach, 20, " !");
    expect(cited.tail.length).toBeLessThanOrEqual(20);
    expect(cited.tail).toBe(`${citeEach(cited.ids)} !`);
    expect(cited.ids).toEqual(ids.slice(0, cited.ids.length));
    expect(cited.ids.length).toBe(5);
    expect(citeTail([1, 2], citeList, 100)).toEqual({ tail: " [1, 2]", ids: [1, 2] });
  });
});

describe("fitLines", () => {
  it("never exceeds its room and counts exactly the lines it left out", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2000 }),
        (lengths, omitted, room) => {
          const lines = lengths.map((n, i) => line("z".repeat(n), [i + 1]));
          const fitted = fitLines(lines, room, MARKUP, omitted);
          expect(fitted.text.length).toBeLessThanOrEqual(room);
          const shown = fitted.text === "" ? [] : fitted.text.split("\n");
          const kept = shown.filter((l) => !l.startsWith("_…and"));
          expect(kept.length).toBe(fitted.kept);
          // Only what is shown is cited: the ids of exactly the kept lines.
          expect(fitted.ids).toEqual(lines.slice(0, fitted.kept).flatMap((l) => l.ids));
          const left = lines.length + omitted - fitted.kept;
          if (left > 0 && fitted.text !== "") expect(noted(fitted.text)).toBe(left);
          if (left === 0) expect(noted(fitted.text)).toBe(0);
        },
      ),
    );
  });

  it("counts the items the core already left out", () => {
    const fitted = fitLines([textLine("a"), textLine("b")], 100, MARKUP, 7);
    expect(fitted).toEqual({ text: "a\nb\n_…and 7 more_", kept: 2, ids: [] });
  });

  it("clips a first line too long to show whole, keeping its citation numbers", () => {
    const fitted = fitLines([line("x".repeat(500), [7]), line("y", [8])], 100, MARKUP);
    expect(fitted.text).toMatch(/^x+… \[7\]\n_…and 1 more_$/);
    expect(fitted.text.length).toBeLessThanOrEqual(100);
    expect(fitted.ids).toEqual([7]);
  });

  it("leaves out rather than clips a later line, and a first line that would be a stub", () => {
    expect(fitLines([line("short"), line("y".repeat(500), [8])], 100, MARKUP)).toEqual({
      text: "short\n_…and 1 more_",
      kept: 1,
      ids: [],
    });
    expect(fitLines([line("y".repeat(500), [8])], 30, MARKUP).kept).toBe(0);
  });
});

describe("fitParts", () => {
  const part = (size: number, ids: number[]): Part => ({ size, ids });

  it("shows the parts that fit, keeping room and a slot for the note on the rest", () => {
    const parts = [10, 10, 10, 10].map((size, i) => () => part(size, [i + 1]));
    const budget = { count: 10, room: 35, gap: 1, noteSize: () => 5 };
    // 10 + 1 + 10 + 1 + 5 (note) fits 35; a third part would leave no room for the note.
    expect(fitParts(parts, budget)).toMatchObject({ more: 2, note: true, ids: [1, 2] });
    expect(fitParts(parts, { ...budget, room: 100 })).toMatchObject({ more: 0, note: false });
    expect(fitParts(parts, { ...budget, room: 100, count: 3 })).toMatchObject({
      more: 2,
      note: true,
      ids: [1, 2],
    });
  });

  it("gives each part the room it may take, and stops at one that shows nothing", () => {
    const rooms: number[] = [];
    const build = (room: number) => {
      rooms.push(room);
      return room >= 20 ? part(20, [rooms.length]) : null;
    };
    const fitted = fitParts([build, build, build], {
      count: 10,
      room: 50,
      gap: 2,
      noteSize: () => 4,
    });
    expect(rooms).toEqual([44, 22, 6]);
    expect(fitted).toMatchObject({ more: 1, note: true, ids: [1, 2] });
  });
});

describe("fitEntries", () => {
  const entries = Array.from({ length: 30 }, (_, i) => ({
    text: `[${i + 1}] ${"s".repeat(40)}`,
    count: 1,
  }));

  it("fills chunks in order and counts the sources left out", () => {
    const chunks = fitEntries(entries, { max: 200, chunks: 2, lead: "*Sources*" }, MARKUP);
    expect(chunks.length).toBe(2);
    expect(chunks[0]?.startsWith("*Sources*\n[1] ")).toBe(true);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(200);
    const listed = chunks.join("\n").match(/^\[\d+\]/gm) ?? [];
    expect(listed).toEqual(
      entries.slice(0, listed.length).map((e) => e.text.slice(0, e.text.indexOf(" "))),
    );
    expect(chunks.at(-1)).toMatch(new RegExp(`_…and ${30 - listed.length} more sources_$`));
  });

  it("counts every citation an entry stands for", () => {
    const grouped = [
      { text: "[1][2] A", count: 2 },
      { text: `[3][4][5] ${"b".repeat(50)}`, count: 3 },
    ];
    expect(fitEntries(grouped, { max: 40, chunks: 1 }, MARKUP)).toEqual([
      "[1][2] A\n_…and 3 more sources_",
    ]);
    expect(entriesLength(grouped)).toBe(8 + 1 + 60);
  });

  it("lists everything, with no note, when it all fits", () => {
    const chunks = fitEntries(entries.slice(0, 3), { max: 3000, chunks: 1 }, MARKUP);
    expect(chunks).toEqual([
      entries
        .slice(0, 3)
        .map((e) => e.text)
        .join("\n"),
    ]);
  });
});

describe("the sources listed", () => {
  const citations = [5, 1, 3, 2, 4].map((id) => citation(id));

  it("are exactly those cited by what is shown, each once, in id order", () => {
    expect(citationsFor(citations, [4, 2, 4, 9]).map((c) => c.id)).toEqual([2, 4]);
    expect(citationsFor(citations, []).map((c) => c.id)).toEqual([]);
    expect(citationsFor(citations, [5, 3, 1, 2, 4]).map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("come from every part that cites: summary, fields, figure values and items", () => {
    const answer = {
      summaryCites: [1],
      fields: [{ label: "l", value: "v", cites: [2], disputed: false }],
      figures: [{ values: [{ cite: 3 }] }],
      sections: [
        { heading: "h", items: [{ text: "t", cites: [4, 1], highlights: [], disputed: false }] },
      ],
    } as unknown as AnswerBody;
    expect(citedIds(answer).sort()).toEqual([1, 1, 2, 3, 4]);
  });
});

describe("figureNote", () => {
  const figure = (verdict: FigureOut["verdict"]) => ({ verdict, note: `${verdict}.` }) as FigureOut;
  const answer = (summary: string | null) => ({ summary }) as AnswerBody;

  it("says how differing values relate, unless the summary already says it", () => {
    expect(figureNote(answer(null), figure("compatible"))).toBe("compatible.");
    expect(figureNote(answer(null), figure("revision"))).toBe("revision.");
    expect(figureNote(answer("compatible."), figure("compatible"))).toBeNull();
  });

  it("says nothing for values that agree", () => {
    expect(figureNote(answer(null), figure("agree"))).toBeNull();
  });
});

describe("widest", () => {
  it("finds the most room whose plan fits, and keeps the floor's plan when nothing more fits", () => {
    const plan = (room: number) => ({ room, fits: room <= 1234 });
    expect(widest(plan, 100, 4000).room).toBeGreaterThan(1234 - 9);
    expect(widest(plan, 100, 4000).fits).toBe(true);
    expect(widest(plan, 100, 1000).room).toBe(1000);
    expect(widest(plan, 2000, 4000)).toEqual({ room: 2000, fits: false });
  });
});
