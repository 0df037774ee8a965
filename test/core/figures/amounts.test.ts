import { describe, expect, it } from "vitest";
import { exactly, intersect, intersectAll, isEmpty } from "../../../src/core/figures/amounts.ts";

const above = (n: number, lowIn: boolean) => ({ low: n, high: Infinity, lowIn, highIn: false });

describe("amounts", () => {
  it("keeps an open end open: 'more than 130' excludes 130, 'at least 130' does not", () => {
    expect(intersect(exactly(130), above(130, false))).toBeNull();
    expect(intersect(exactly(130), above(130, true))).toEqual(exactly(130));
  });

  it("intersects every set, and an empty list allows everything", () => {
    expect(intersectAll([above(130, true), above(130, false), exactly(137)])).toEqual(exactly(137));
    expect(isEmpty(intersectAll([]) ?? exactly(Number.NaN))).toBe(false);
  });
});
