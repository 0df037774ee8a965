import { describe, expect, it } from "vitest";
import { redisConnection } from "../../src/digests/queue.ts";
import { redisStartedAt } from "../../src/digests/restart.ts";
import { startThrowawayRedis } from "../support/redis-server.ts";
import { until } from "../support/until.ts";

describe("when Redis last started", () => {
  it("is asked once per connection, and again after a restart dropped it", async () => {
    let server = await startThrowawayRedis();
    const port = Number(new URL(server.url).port);
    const connection = redisConnection(server.url);
    // The restart below refuses reconnections for a moment; that is expected here.
    connection.on("error", () => {});
    let clock = 1_000_000_000;
    const startedAt = redisStartedAt(connection, () => clock);
    try {
      const first = await startedAt();
      // Just started: within a couple of seconds of "now", never after it.
      expect(first).toBeLessThan(clock);
      expect(first).toBeGreaterThanOrEqual(clock - 3_000);
      // An hour on, the same answer: asked again, it would have moved with the clock.
      clock += 3_600_000;
      expect(await startedAt()).toBe(first);
      await server.stop();
      server = await startThrowawayRedis([], port);
      await until(() => (connection.status === "ready" ? true : undefined), "the reconnection");
      expect(await startedAt()).toBeGreaterThan(first + 3_000_000);
    } finally {
      connection.disconnect();
      await server.stop();
    }
  });
});
