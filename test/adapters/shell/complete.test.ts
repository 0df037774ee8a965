import { beforeAll, describe, expect, it } from "vitest";
import { type Completions, shellCompleter } from "../../../src/adapters/shell/complete.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { testResponder } from "../../support/responder.ts";

let complete: (line: string) => Completions;
beforeAll(async () => {
  complete = shellCompleter(testResponder(await bundledSnapshot()));
});

describe("Tab completion in the shell", () => {
  it("completes the first word to a command, with the space after it", () => {
    expect(complete("fig")).toEqual([["figure "], "fig"]);
    expect(complete("a")[0]).toEqual(["ask", "actor", "attack"]);
  });

  it("completes what follows a command to its option's values, as Discord's autocomplete", () => {
    expect(complete("actor rahm")).toEqual([["Emomali Rahmon"], "rahm"]);
    expect(complete("figure crocus d")).toEqual([["crocus death toll"], "crocus d"]);
    expect(complete("help dis")).toEqual([["disputes"], "dis"]);
  });

  it("offers each thing once, whichever of its names matched", () => {
    const [choices] = complete("actor is");
    expect(choices.length).toBeGreaterThan(1);
    expect(new Set(choices).size).toBe(choices.length);
  });

  it("completes a subcommand, then a named option after it", () => {
    expect(complete("digest pre")).toEqual([["preview "], "pre"]);
    expect(complete("digest preview topic rahm")).toEqual([["Emomali Rahmon"], "rahm"]);
  });

  it("offers nothing where nothing can be completed", () => {
    expect(complete("sources x")).toEqual([[], "x"]);
    expect(complete("nonsense wor")).toEqual([[], "wor"]);
    expect(complete("digest subscribe daily 08")).toEqual([[], "subscribe daily 08"]);
  });
});
