import { describe, expect, it } from "vitest";
import { releaseGarbage, releaseGarbageWhenIdle } from "../src/garbage.ts";
import { until } from "./support/until.ts";

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

  it("frees it at the first lull when asked to wait for one", async () => {
    let dropped: number[] | null = new Array(100_000).fill(1);
    const ref = new WeakRef(dropped);
    dropped = null;
    releaseGarbageWhenIdle();
    // Nothing else runs here, so the next quarter-second window is a lull.
    await until(() => (ref.deref() === undefined ? true : undefined), "the collection", 5000);
  });
});
