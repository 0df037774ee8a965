import { describe, expect, it } from "vitest";
import { statementIdsShown, statementIdsStoodOn } from "../../../src/core/reply/statements.ts";
import { replyTo } from "../../support/responder.ts";

describe("the statements a reply names", () => {
  it("shows a figure's values by their statement ids", async () => {
    const reply = await replyTo("figure crocus death toll");
    expect(statementIdsShown(reply)).toContain("crocus-killed-defencereport");
  });

  it("stands on what a short answer leaves for more, beside what it shows", async () => {
    const reply = await replyTo("actor iskp");
    const shown = statementIdsShown(reply);
    const stoodOn = statementIdsStoodOn(reply);
    expect(stoodOn).toEqual(expect.arrayContaining(shown));
    expect(stoodOn.length).toBeGreaterThan(shown.length);
    expect(new Set(stoodOn).size).toBe(stoodOn.length);
  });

  it("names none for an error", async () => {
    const reply = await replyTo("actor nobody-at-all");
    expect(statementIdsShown(reply)).toEqual([]);
    expect(statementIdsStoodOn(reply)).toEqual([]);
  });
});
