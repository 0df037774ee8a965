import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ANSI } from "../../../src/adapters/shell/render.ts";
import { visibleWidth, wrap } from "../../../src/adapters/shell/wrap.ts";
import { stripEscapes } from "./terminal.ts";

const words = (lines: string[]) => stripEscapes(lines.join(" ")).split(/\s+/).filter(Boolean);

describe("wrapping to a width", () => {
  it("breaks between words, within the width", () => {
    const lines = wrap("Tajik migrants in Russia suffer a backlash after the attack", 20);
    expect(lines).toEqual(["Tajik migrants in", "Russia suffer a", "backlash after the", "attack"]);
  });

  it("leaves a line that fits alone, and keeps empty lines", () => {
    expect(wrap("short\n\nlines", 20)).toEqual(["short", "", "lines"]);
  });

  it("hangs continuation lines under a list marker, a citation number and a quote", () => {
    expect(wrap("  - over one hundred: AsiaNews [1]", 24)).toEqual([
      "  - over one hundred:",
      "    AsiaNews [1]",
    ]);
    expect(wrap('[12] AsiaNews, "The Vilayat Khorasan"', 24)).toEqual([
      '[12] AsiaNews, "The',
      '     Vilayat Khorasan"',
    ]);
    expect(wrap('    "where over one hundred people died"', 24)).toEqual([
      '    "where over one',
      "     hundred people",
      '     died"',
    ]);
  });

  it("sets a label's continuation in, so it is not read as the next label", () => {
    expect(wrap("Killed: 137 people in the hall [1]", 20)).toEqual([
      "Killed: 137 people",
      "  in the hall [1]",
    ]);
  });

  it("breaks a word only when it is longer than the width", () => {
    const url = "https://example.com/a-long-path";
    expect(wrap(`- see ${url}`, 31)).toEqual(["- see", url]);
    expect(wrap(`see ${url}`, 12)).toEqual(["see", "https://exam", "ple.com/a-lo", "ng-path"]);
  });

  it("cuts a title's underline to the width rather than wrapping it", () => {
    expect(wrap(`Title\n${"=".repeat(30)}`, 12)).toEqual(["Title", "=".repeat(12)]);
  });

  it("counts what the terminal shows: no escapes, no combining marks", () => {
    expect(visibleWidth(ANSI.strong("bold"))).toBe(4);
    expect(visibleWidth("Rahmon\u0301")).toBe(6);
    expect(wrap(`a ${ANSI.strong("bold")} word`, 11)).toEqual([`a ${ANSI.strong("bold")} word`]);
  });

  it("closes a style at a line's end and opens it again on the next", () => {
    const [first, second] = wrap(ANSI.strong("Tajik migrants in Russia"), 15);
    expect(first).toBe("\u001b[1mTajik migrants\u001b[0m");
    expect(second).toBe("\u001b[1min Russia\u001b[22m");
  });

  it("never exceeds the width nor loses, reorders or splits a word that fits", () => {
    const word = fc.stringMatching(/^(?:[a-zA-Z[\]"-]|e\u0301){1,14}$/);
    const line = fc.tuple(
      fc.constantFrom("", "  ", "- ", "    "),
      fc.array(word, { maxLength: 30 }),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 6 }),
        fc.integer({ min: 1, max: 100 }),
        (ls, width) => {
          const text = ls.map(([lead, ws]) => lead + ws.join(" ")).join("\n");
          const lines = wrap(text, width);
          for (const l of lines) expect(visibleWidth(l)).toBeLessThanOrEqual(width);
          const given = words([text]);
          if (given.every((w) => visibleWidth(w) <= width)) expect(words(lines)).toEqual(given);
          else expect(words(lines).join("")).toEqual(given.join("").replace(/\s/g, ""));
        },
      ),
    );
  });
});
