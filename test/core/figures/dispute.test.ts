import { describe, expect, it } from "vitest";
import type { FigureGroup, FigureValue } from "../../../src/core/corpus/schema.ts";
import { figureSpan, isDisputed } from "../../../src/core/figures/dispute.ts";

const cite = { article: "a", quote: "quote" };
function value(v: Partial<FigureValue> & { text: string }): FigureValue {
  return { qualifier: null, attributedTo: [], citation: cite, ...v };
}
function group(values: FigureValue[]): FigureGroup {
  return {
    id: "g",
    measure: "m",
    unit: "people",
    topics: ["t"],
    about: { actors: [], attacks: [] },
    values,
  };
}

describe("isDisputed", () => {
  it("marks 137 against 'at least 130' as disputed", () => {
    expect(
      isDisputed(
        group([
          value({ value: 137, text: "137" }),
          value({ value: 130, qualifier: "at least", text: "at least 130" }),
        ]),
      ),
    ).toBe(true);
  });

  it("does not mark two sources giving the same number", () => {
    expect(
      isDisputed(
        group([value({ value: 137, text: "137" }), value({ value: 137, text: "137 people" })]),
      ),
    ).toBe(false);
  });

  it("tells qualifiers apart: 100 against 'almost 100'", () => {
    expect(
      isDisputed(
        group([
          value({ value: 100, text: "100" }),
          value({ value: 100, qualifier: "almost", text: "almost 100" }),
        ]),
      ),
    ).toBe(true);
  });

  it("does not compare values dated to different moments", () => {
    const feb2019 = { value: "2019-02", precision: "month" as const, estimated: false };
    const feb2023 = { value: "2023-02", precision: "month" as const, estimated: false };
    expect(
      isDisputed(
        group([
          value({ value: 4000, text: "4,000", asOf: feb2023 }),
          value({ low: 2500, high: 3500, text: "2,500-3,500", asOf: feb2019 }),
        ]),
      ),
    ).toBe(false);
  });

  it("treats a year as containing its months", () => {
    const y2023 = { value: "2023", precision: "year" as const, estimated: false };
    const feb2023 = { value: "2023-02", precision: "month" as const, estimated: false };
    expect(
      isDisputed(
        group([
          value({ value: 6000, qualifier: "exceeded", text: "exceeded 6,000", asOf: y2023 }),
          value({ value: 6500, text: "6,500", asOf: feb2023 }),
        ]),
      ),
    ).toBe(true);
  });
});

describe("figureSpan", () => {
  it("spans every stated number, ranges included", () => {
    expect(
      figureSpan(
        group([
          value({ low: 1.5e6, high: 2.5e6, text: "1.5 to 2.5 million" }),
          value({ value: 1.3e6, text: "1.3 million" }),
        ]),
      ),
    ).toEqual({ low: 1.3e6, high: 2.5e6 });
  });

  it("is null when no source states a number", () => {
    expect(figureSpan(group([value({ qualifier: "hundreds", text: "hundreds" })]))).toBeNull();
  });
});
