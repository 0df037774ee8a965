import { describe, expect, it } from "vitest";
import { type DatedRecord, dateProblems } from "../../../src/core/corpus/dates.ts";

const quote = "ISKP had not claimed responsibility for two attacks in January";
const record = (date: DatedRecord["date"]): DatedRecord => ({
  id: "istanbul",
  date,
  citations: [{ article: "taz", quote }],
});
const codes = (r: DatedRecord) => dateProblems("attacks.json", [r]).map((p) => p.code);

describe("dateProblems", () => {
  it("refuses relative words given as a stated date, and passes them as derivedFrom", () => {
    const stated = record({
      value: "2024-01",
      precision: "month",
      estimated: false,
      words: "two attacks in January",
    });
    const problems = dateProblems("attacks.json", [stated]);
    expect(problems).toEqual([
      expect.objectContaining({
        code: "corpus.date_not_derived",
        file: "attacks.json",
        record: "istanbul",
        path: "date.words",
      }),
    ]);
    const derived = record({
      value: "2024-01",
      precision: "month",
      estimated: true,
      reason: "no year in the text",
      derivedFrom: "two attacks in January",
    });
    expect(codes(derived)).toEqual([]);
  });

  it("refuses a date that names no words, and words no quote of the record has", () => {
    expect(codes(record({ value: "2024-01", precision: "month", estimated: false }))).toEqual([
      "corpus.date_unsourced",
    ]);
    expect(
      codes(
        record({ value: "2024-01", precision: "month", estimated: false, words: "January 2024" }),
      ),
    ).toEqual(["corpus.date_not_in_quote"]);
  });

  it("checks a span's words the same way", () => {
    const span = record({
      from: { value: "2020", precision: "year", estimated: false },
      to: { value: "2024", precision: "year", estimated: false },
      words: "in January",
    });
    expect(codes(span)).toEqual(["corpus.date_not_derived"]);
  });
});
