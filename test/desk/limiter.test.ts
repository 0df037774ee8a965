import { describe, expect, it } from "vitest";
import { signInLimiter } from "../../src/desk/limiter.ts";
import { memoryDeskStore } from "../../src/ports/memory-desk-store.ts";

describe("sign-in limiter", () => {
  it("lets five failures through, then makes each wait longer; success clears the account", async () => {
    const limiter = signInLimiter(memoryDeskStore());
    const keys = ["account:ana", "address:1.2.3.4"];
    let t = 0;
    for (let i = 0; i < 5; i++) {
      expect(await limiter.wait(keys, t)).toBe(0);
      await limiter.failed(keys, t);
    }
    expect(await limiter.wait(keys, t)).toBe(30);
    expect(await limiter.wait(["account:ana", "address:other"], t)).toBe(30);
    expect(await limiter.wait(["account:bob", "address:1.2.3.4"], t)).toBe(30);
    expect(await limiter.wait(["account:bob", "address:other"], t)).toBe(0);
    t += 30_000;
    expect(await limiter.wait(keys, t)).toBe(0);
    await limiter.failed(keys, t);
    expect(await limiter.wait(keys, t)).toBe(60);
    await limiter.succeeded("account:ana");
    expect(await limiter.wait(["account:ana"], t)).toBe(0);
  });

  it("keeps its counts in the desk store: a second limiter on it (a restart, another process) goes on", async () => {
    const store = memoryDeskStore();
    const keys = ["account:ana"];
    for (let i = 0; i < 5; i++) await signInLimiter(store).failed(keys, 1_000);
    expect(await signInLimiter(store).wait(keys, 1_000)).toBe(30);
  });

  it("forgets failures after the window", async () => {
    const store = memoryDeskStore();
    const limiter = signInLimiter(store, { windowMs: 60_000, maxMs: 60_000 });
    for (let i = 0; i < 5; i++) await limiter.failed(["account:ana"], 0);
    expect(await limiter.wait(["account:ana"], 0)).toBe(30);
    await limiter.failed(["account:ana"], 120_000);
    expect((await store.signInFailures("account:ana"))?.count).toBe(1);
  });
});
