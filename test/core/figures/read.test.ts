import { describe, expect, it } from "vitest";
import { amountsOf, momentOf } from "../../../src/core/figures/read.ts";
import { QUALIFIERS, value } from "../../support/qualifiers.ts";

const read = (v: Parameters<typeof value>[0], unit = "people") =>
  amountsOf(value(v), unit, QUALIFIERS);

describe("amountsOf", () => {
  it("reads bounds by the table: 'more than' open, 'at least' closed, 'almost' below", () => {
    expect(read({ value: 130, qualifier: "more than", text: "" })).toMatchObject({
      low: 130,
      lowIn: false,
      high: Infinity,
    });
    expect(read({ value: 130, qualifier: "at least", text: "" })).toMatchObject({
      low: 130,
      lowIn: true,
    });
    expect(read({ value: 100, qualifier: "almost", text: "" })).toMatchObject({
      low: -Infinity,
      high: 100,
      highIn: false,
    });
  });

  it("widens an approximate value by a band relative to its size", () => {
    expect(read({ value: 4000, qualifier: "approximately", text: "" })).toMatchObject({
      low: 3600,
      high: 4400,
    });
  });

  it("reads a quantity word as its range", () => {
    expect(read({ qualifier: "dozens", text: "" })).toMatchObject({ low: 24, high: 99 });
  });

  it("reads a year as a span of time, and 'late 2014' as its last third", () => {
    expect(read({ value: 2014, qualifier: null, text: "" }, "year")).toEqual({
      low: 2014,
      high: 2015,
      lowIn: true,
      highIn: false,
    });
    const late = read({ value: 2014, qualifier: "late", text: "" }, "year");
    expect(late.low).toBeCloseTo(2014.667, 3);
    expect(late.high).toBe(2015);
  });
});

describe("momentOf", () => {
  it("gives a month within its year, so a year holds its months", () => {
    const feb = momentOf({ value: "2023-02", precision: "month", estimated: false }, QUALIFIERS);
    expect(feb.low).toBeGreaterThan(2023);
    expect(feb.high).toBeLessThan(2023.2);
  });
});
