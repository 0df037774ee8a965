import { describe, expect, it } from "vitest";
import { oneEditAway } from "../../../src/core/text/one-edit.ts";

describe("oneEditAway", () => {
  const near = oneEditAway(["people", "peoples", "attack", "attacks", "steeple", "kill"], 5);

  it("finds the words one insertion, deletion or substitution away that share the first letter", () => {
    expect(near("peple")).toEqual(["people"]);
    expect(near("atack")).toEqual(["attack"]);
    expect(near("attacs")).toEqual(["attack", "attacks"]);
  });

  it("finds nothing two edits away, under another first letter, or shorter than asked", () => {
    expect(near("pepl")).toEqual([]);
    expect(near("teeple")).toEqual([]);
    expect(near("kil")).toEqual([]);
    expect(near("people")).toEqual(["peoples"]);
  });
});
