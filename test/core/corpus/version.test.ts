import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../src/core/corpus/version.ts";

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
