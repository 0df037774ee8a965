import { describe, expect, it } from "vitest";
import { queryTerms } from "../../../src/core/search/tokenize.ts";

describe("search terms", () => {
  it("keeps the US apart from 'use' and 'us'", () => {
    expect(queryTerms("US")).not.toEqual(queryTerms("use"));
    expect(queryTerms("US")).toEqual(["usa"]);
    expect(queryTerms("tell us")).toEqual([]);
  });

  it("folds irregular past forms to their verb, so 'leads' finds 'led'", () => {
    expect(queryTerms("led")).toEqual(queryTerms("leads"));
    expect(queryTerms("fought")).toEqual(queryTerms("fighting"));
    expect(queryTerms("taken")).toEqual(queryTerms("takes"));
  });

  it("drops a question's own words", () => {
    expect(queryTerms("who leads ISKP?")).toEqual(queryTerms("leads ISKP"));
  });
});
