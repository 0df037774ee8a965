import { describe, expect, it } from "vitest";
import { corpusLabel } from "../../src/core/release.ts";

describe("corpusLabel", () => {
  it("names a published version by its number and time, in UTC", () => {
    const release = { seq: 12, publishedAt: "2024-04-12T14:05:59.000Z", by: "desk", note: "" };
    expect(corpusLabel(release, "4f03238f8846")).toBe(
      "corpus v12 · published 12 Apr 2024, 14:05 UTC",
    );
  });

  it("names a corpus that was never published by its content hash", () => {
    expect(corpusLabel(null, "4f03238f8846")).toBe("corpus 4f03238f8846");
  });
});
