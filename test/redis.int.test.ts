import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { connectRedisWhenUp } from "../src/redis.ts";
import { freePort, startThrowawayRedis } from "./support/redis-server.ts";

describe("connectRedisWhenUp", () => {
  it("keeps trying while Redis is down and hands over the connection once it answers", async () => {
    const port = await freePort();
    const failures: string[] = [];
    let connected: (redis: Redis) => void = () => {};
    const handed = new Promise<Redis>((resolve) => {
      connected = resolve;
    });
    const stop = connectRedisWhenUp(`redis://127.0.0.1:${port}`, connected, {
      retryMs: 100,
      timeoutMs: 500,
      onFailure: (message) => failures.push(message),
    });
    // Down for a while first: at least two failed attempts before Redis starts.
    while (failures.length < 2) await new Promise((r) => setTimeout(r, 50));
    const server = await startThrowawayRedis([], port);
    try {
      const redis = await handed;
      expect(await redis.ping()).toBe("PONG");
      redis.disconnect();
      expect(failures[0]).toMatch(/cannot be reached/);
    } finally {
      stop();
      await server.stop();
    }
  }, 60_000);
});
