import { describe, expect, it } from "vitest";
import { outletName } from "../../../src/core/corpus/outlet.ts";
import { replyTo } from "../../support/responder.ts";

describe("outletName", () => {
  it("hedges an outlet the text does not settle, and only that one", () => {
    expect(outletName({ outlet: "n-tv", outletConfidence: "likely" })).toBe("n-tv (likely)");
    expect(outletName({ outlet: "taz", outletConfidence: "certain" })).toBe("taz");
  });

  it("carries the hedge into every citation and the sources list", async () => {
    const figure = await replyTo("figure crocus death toll");
    const ntv = figure.citations.filter((c) => c.articleId === "ntv-focused-on-russia");
    expect(ntv.length).toBeGreaterThan(0);
    for (const c of ntv) expect(c.outlet).toBe("n-tv (likely)");
    const sources = await replyTo("sources");
    const listed = sources.answer?.sections[0]?.items.map((i) => i.text) ?? [];
    expect(listed.some((t) => t.startsWith("n-tv (likely):"))).toBe(true);
  });
});
