import { describe, expect, it } from "vitest";
import { buildNameIndex } from "../../src/core/names.ts";

const index = buildNameIndex([
  { id: "taliban", label: "Taliban", names: ["Taliban", "Afghan Taliban"] },
  { id: "ttp", label: "Pakistani Taliban", names: ["Pakistani Taliban", "TTP"] },
  { id: "iskp", label: "ISIS-K", names: ["ISIS-K", "ISKP"] },
  { id: "iscp", label: "IS Caucasus Province", names: ["IS Caucasus Province", "ISCP"] },
  {
    id: "crocus",
    label: "Crocus City Hall attack",
    names: ["Crocus City Hall attack"],
    words: ["Krasnogorsk", "Moscow", "2024-03-22", "March"],
  },
  {
    id: "synagogue",
    label: "Moscow synagogue plot",
    names: ["Moscow synagogue plot"],
    words: ["Moscow", "March"],
  },
]);

describe("resolving names typed in another script", () => {
  const letters = {
    г: "g",
    а: "a",
    ф: "f",
    р: "r",
    и: "i",
    т: "t",
    д: "d",
    ж: "zh",
    к: "k",
    с: "s",
    н: "n",
  };
  const cyrillic = buildNameIndex(
    [
      { id: "ghafari", label: "Sanaullah Ghafari", names: ["Sanaullah Ghafari"] },
      { id: "tajikistan", label: "Tajikistan", names: ["Tajikistan", "Таджикистан"] },
      { id: "tajiks", label: "Tajik diaspora", names: ["Tajik diaspora"] },
    ],
    letters,
  );

  it("spells the letters as the texts do, and folds their transliteration variants", () => {
    expect(cyrillic.resolve("Гафари")).toEqual({ kind: "found", id: "ghafari" });
    expect(cyrillic.resolve("Tadzhikistan")).toEqual({ kind: "found", id: "tajikistan" });
  });

  it("takes a name the records spell in that script as it is", () => {
    expect(cyrillic.resolve("таджикистан")).toEqual({ kind: "found", id: "tajikistan" });
  });

  it("is not read so without the letters", () => {
    expect(
      buildNameIndex([{ id: "ghafari", label: "Ghafari", names: ["Ghafari"] }]).resolve("Гафари"),
    ).toMatchObject({ kind: "missing" });
  });
});

describe("resolving names", () => {
  it("takes an exact name or alias first, even when another name contains it", () => {
    expect(index.resolve("taliban")).toEqual({ kind: "found", id: "taliban" });
  });

  it("prefers the exact spelling to a transliterated one (ISKP is not ISCP)", () => {
    expect(index.resolve("ISKP")).toEqual({ kind: "found", id: "iskp" });
    expect(index.resolve("iscp")).toEqual({ kind: "found", id: "iscp" });
  });

  it("matches on transliteration when nothing is spelt exactly", () => {
    expect(index.resolve("Krokus City Hall attack")).toEqual({ kind: "found", id: "crocus" });
  });

  it("finds by words of place and date, the last word as a prefix", () => {
    expect(index.resolve("krasnogorsk")).toEqual({ kind: "found", id: "crocus" });
    expect(index.resolve("2024-03-22")).toEqual({ kind: "found", id: "crocus" });
    expect(index.resolve("croc")).toEqual({ kind: "found", id: "crocus" });
  });

  it("lists every candidate when words fit several", () => {
    expect(index.resolve("moscow march")).toEqual({
      kind: "ambiguous",
      ids: ["crocus", "synagogue"],
    });
  });

  it("suggests the nearest names on a miss, and nothing for gibberish", () => {
    expect(index.resolve("talibn")).toMatchObject({ kind: "missing", suggestions: ["taliban"] });
    expect(index.resolve("bwfpldgmt")).toEqual({ kind: "missing", suggestions: [] });
  });
});

describe("completing names", () => {
  it("ranks exact, then prefix, then word start, then inside", () => {
    expect(index.complete("taliban", 5).map((c) => c.entry.id)).toEqual(["taliban", "ttp"]);
    expect(index.complete("isk", 5)[0]?.entry.id).toBe("iskp");
  });

  it("falls back to the nearest spelling, and respects the limit", () => {
    expect(index.complete("talbian", 1).map((c) => c.entry.id)).toEqual(["taliban"]);
    expect(index.complete("", 3)).toHaveLength(3);
  });
});
