import { describe, expect, it } from "vitest";
import { releaseGarbage } from "../src/garbage.ts";

describe("releaseGarbage", () => {
  it("frees at once what nothing references any more", async () => {
    let dropped: number[] | null = new Array(100_000).fill(1);
    const ref = new WeakRef(dropped);
    dropped = null;
    // A WeakRef's target is kept until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    releaseGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});
