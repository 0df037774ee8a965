import { describe, expect, it } from "vitest";
import { packingCounts, packText, textsPacked } from "../../src/corpus/packed-text.ts";

/** A long text in several scripts, with quotes, dashes and a character outside the BMP. */
const long = (seed: number) =>
  Array.from(
    { length: 60 },
    (_, i) =>
      `Paragraph ${seed}.${i}: «Крокус Сити Холл» — “at least 145 killed”, Тоҷикистон 🇹🇯 ${i * seed}.`,
  ).join("\n\n");

describe("packText", () => {
  it("gives every text back exactly, before and after it is packed", async () => {
    const before = packingCounts();
    const texts = Array.from({ length: 50 }, (_, i) => long(i));
    const readers = texts.map((t) => packText(t));
    expect(readers.every((r) => r !== null)).toBe(true);
    expect(readers.map((r) => r?.())).toEqual(texts);
    await textsPacked();
    expect(packingCounts()).toEqual({ packed: before.packed + texts.length, failed: 0 });
    // More texts than the recently unpacked ones kept, read twice: most reads unpack.
    for (let round = 0; round < 2; round++) {
      expect(readers.map((r) => r?.())).toEqual(texts);
    }
  });

  it("keeps short texts and texts with a lone surrogate as they are", () => {
    expect(packText("Short text.")).toBeNull();
    expect(packText(`${long(1)}\uD83D broken`)).toBeNull();
  });

  it("settles once what was handed to it is packed, and at once when nothing waits", async () => {
    await textsPacked();
    const before = packingCounts().packed;
    packText(long(99));
    expect(packingCounts().packed).toBe(before);
    await textsPacked();
    expect(packingCounts().packed).toBe(before + 1);
    await expect(textsPacked()).resolves.toBeUndefined();
  });
});
