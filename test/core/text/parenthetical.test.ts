import { describe, expect, it } from "vitest";
import { parenthetical } from "../../../src/core/text/parenthetical.ts";

describe("parenthetical", () => {
  it("wraps text in parentheses, its own turned into commas so none nest", () => {
    expect(parenthetical("taz (die tageszeitung)")).toBe("(taz, die tageszeitung)");
    expect(parenthetical("attributed according to Federal Security Service (FSB)")).toBe(
      "(attributed according to Federal Security Service, FSB)",
    );
    expect(parenthetical("DefenceReport")).toBe("(DefenceReport)");
  });
});
