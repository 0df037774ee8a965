import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  corpusVersion,
  corpusVersionSteps,
} from "../../../src/core/corpus/version.ts";
import { runSteps } from "../../../src/core/steps.ts";
import { readCorpusFiles } from "../../../src/corpus/files.ts";

describe("canonicalJson", () => {
  it("serialises the same content the same way whatever the key order", () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe(
      canonicalJson({ a: null, b: [1, { c: 2, d: 1 }] }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("keeps array order, which is content", () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});

describe("corpusVersionSteps", () => {
  const hashOfWhole = (content: Record<string, unknown>) =>
    createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, 12);

  it("hashes the canonical JSON of the whole content, piece by piece", async () => {
    const { json } = await readCorpusFiles();
    const content: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(json)) content[name] = JSON.parse(text as string);
    const steps = corpusVersionSteps({ ...content, absent: undefined, plain: { b: 1, a: [2] } });
    let yielded = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yielded++;
    expect(step.value.version).toBe(hashOfWhole({ ...content, plain: { a: [2], b: 1 } }));
    // The bundled corpus is small, but its lists are long enough to be hashed in several steps.
    expect(yielded).toBeGreaterThan(0);
    expect(corpusVersion({ list: [1, undefined, { z: 1, y: 2 }] })).toBe(
      hashOfWhole({ list: [1, null, { y: 2, z: 1 }] }),
    );
  });

  it("starts from an earlier hash's trail where the content begins with the very same values", () => {
    const actors = [{ id: "a", name: "A" }];
    const attacks = [{ id: "x", summary: "before" }];
    const first = runSteps(corpusVersionSteps({ actors, attacks, events: [] }));
    const edited = { actors, attacks: [{ id: "x", summary: "after" }], events: [] };
    const next = runSteps(corpusVersionSteps(edited, first.trail));
    expect(next.version).toBe(hashOfWhole(edited));
    // Taken over: the actors, the same list as before; hashed again: what follows a change.
    expect(next.trail[0]?.value).toBe(actors);
    expect(next.trail[0]?.after).toBe(first.trail[0]?.after);
    expect(next.trail[2]?.after).not.toBe(first.trail[2]?.after);
    // Equal but not the same list is serialised again, and hashes the same.
    const copied = runSteps(corpusVersionSteps({ ...edited, actors: [...actors] }, first.trail));
    expect(copied.version).toBe(next.version);
    expect(copied.trail[0]?.after).not.toBe(first.trail[0]?.after);
    expect(runSteps(corpusVersionSteps({ actors }, first.trail)).version).toBe(
      hashOfWhole({ actors }),
    );
  });
});
