import { describe, expect, it } from "vitest";
import { compactKey, foldText, nameKey } from "../../../src/core/text/normalize.ts";

describe("name folding", () => {
  it.each([
    ["ISIS-K", "isis k"],
    ["ISIS-K", "Isis‑K"],
    ["Rakhmon", "Rahmon"],
    ["Krokus", "Crocus"],
    ["Qassem", "Qasem"],
    ["Badschaur", "Bajaur"],
    ["Guantánamo", "Guantanamo"],
  ])("%s and %s meet", (a, b) => {
    expect(compactKey(a)).toBe(compactKey(b));
  });

  it.each([
    ["Taliban", "Tajik"],
    ["Iran", "Iraq"],
  ])("%s and %s stay apart", (a, b) => {
    expect(compactKey(a)).not.toBe(compactKey(b));
  });

  it("folds case, diacritics and punctuation", () => {
    expect(foldText("  Émomali  RAKHMON's ")).toBe("emomali rakhmon s");
    expect(nameKey("Khorasan")).toBe("horasan");
  });
});
