import { afterAll, describe, expect, inject, it } from "vitest";
import { ensureRedis, freePort, redisAnswers } from "./redis-server.ts";

describe("test Redis", () => {
  const stops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it("gives the suite a Redis that answers", async () => {
    expect(await redisAnswers(inject("redisUrl"))).toBe(true);
  });

  it("reports a port with nothing on it as not answering", async () => {
    expect(await redisAnswers(`redis://127.0.0.1:${await freePort()}`)).toBe(false);
  });

  it("starts a throwaway redis-server when the configured one does not answer", async () => {
    const dead = `redis://127.0.0.1:${await freePort()}`;
    const redis = await ensureRedis(dead);
    if (redis.stop) stops.push(redis.stop);
    expect(redis.url).not.toBe(dead);
    expect(redis.stop).not.toBeNull();
    expect(await redisAnswers(redis.url)).toBe(true);
  });
});
