import { describe, expect, it } from "vitest";
import { cleanText } from "../../../src/core/corpus/clean.ts";

describe("cleanText", () => {
  it("removes exact residue and collapses the blank lines it leaves", () => {
    const raw = "Headline\n\nListen to article\n\nBody text.\nsource site-34\n";
    const result = cleanText(raw, [
      { kind: "exact", text: "Listen to article", reason: "player" },
      { kind: "exact", text: "source site-34", reason: "residue" },
    ]);
    expect(result).toEqual({ ok: true, value: "Headline\n\nBody text.\n" });
  });

  it("cuts everything from a tail marker on", () => {
    const result = cleanText("Piece.\nUnrelated column starts here.\nMore.", [
      { kind: "tail", from: "Unrelated column", reason: "other piece" },
    ]);
    expect(result).toEqual({ ok: true, value: "Piece.\n" });
  });

  it("reports a removal that no longer matches, by its index", () => {
    const result = cleanText("Body.", [
      { kind: "exact", text: "Body", reason: "x" },
      { kind: "exact", text: "not there", reason: "y" },
    ]);
    expect(result).toMatchObject({ ok: false, error: { removal: 1 } });
  });
});
