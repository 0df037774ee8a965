import { describe, expect, it } from "vitest";
import { signInLimiter } from "../../src/desk/limiter.ts";

describe("sign-in limiter", () => {
  it("lets five failures through, then makes each wait longer; success clears the account", () => {
    const limiter = signInLimiter();
    const keys = ["account:ana", "address:1.2.3.4"];
    let t = 0;
    for (let i = 0; i < 5; i++) {
      expect(limiter.wait(keys, t)).toBe(0);
      limiter.failed(keys, t);
    }
    expect(limiter.wait(keys, t)).toBe(30);
    expect(limiter.wait(["account:ana", "address:other"], t)).toBe(30);
    expect(limiter.wait(["account:bob", "address:1.2.3.4"], t)).toBe(30);
    expect(limiter.wait(["account:bob", "address:other"], t)).toBe(0);
    t += 30_000;
    expect(limiter.wait(keys, t)).toBe(0);
    limiter.failed(keys, t);
    expect(limiter.wait(keys, t)).toBe(60);
    limiter.succeeded("account:ana");
    expect(limiter.wait(["account:ana"], t)).toBe(0);
  });
});
