import { describe, expect, it } from "vitest";
import { FuzzyDate, When } from "../../../src/core/corpus/schema.ts";
import { dateOut, whenOut } from "../../../src/core/reply/date-out.ts";

describe("dateOut and whenOut", () => {
  it("keep a date's precision and qualifier, and say when it is estimated", () => {
    const late = FuzzyDate.parse({
      value: "2024-03",
      precision: "month",
      qualifier: "late",
      estimated: true,
      reason: "not stated; the article reports the attack as recent",
    });
    expect(dateOut(late)).toEqual({
      value: "2024-03",
      precision: "month",
      qualifier: "late",
      estimated: true,
      derived: false,
      label: "late Mar 2024 (estimated)",
    });
  });

  it("mark a date worked out from relative words as derived, and both ends of such a span", () => {
    const dayBefore = When.parse({
      value: "2024-03-21",
      precision: "day",
      derivedFrom: "a day before the attack in Moscow",
      reason: "the Moscow attack was on 22 March",
    });
    expect(whenOut(dayBefore)).toMatchObject({ value: "2024-03-21", derived: true });
    const span = When.parse({
      from: { value: "2020", precision: "year" },
      to: { value: "2024-04-12", precision: "day" },
      derivedFrom: "In the last four years",
      reason: "four years back from the article's date",
    });
    expect(whenOut(span)).toEqual({
      from: expect.objectContaining({ value: "2020", precision: "year", derived: true }),
      to: expect.objectContaining({ value: "2024-04-12", label: "12 Apr 2024", derived: true }),
    });
  });
});
