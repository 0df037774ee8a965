import { describe, expect, it } from "vitest";
import { plural } from "../../../src/core/text/plural.ts";

describe("plural", () => {
  it("adds an s to every count but one", () => {
    expect([0, 1, 2].map((n) => plural(n, "article"))).toEqual([
      "0 articles",
      "1 article",
      "2 articles",
    ]);
  });
});
