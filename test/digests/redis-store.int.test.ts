import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { redisConnection } from "../../src/digests/queue.ts";
import { redisDigestStore } from "../../src/digests/redis-store.ts";
import { digestStoreContract, subscription } from "../ports/digest-store.contract.ts";

// The contract on real Redis exercises the Lua scripts; each test gets a prefix of its own.
const run = `fdtest-${randomUUID()}`;
let redis: Redis;
let stores = 0;

beforeAll(() => {
  redis = redisConnection(inject("redisUrl"));
});
afterAll(async () => {
  const keys = await redis.keys(`${run}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

digestStoreContract("redis", async () => redisDigestStore(redis, `${run}-${++stores}`));

describe("redis digest store", () => {
  it("lets slot records and manifests expire, never the subscription or its last delivery", async () => {
    const prefix = `${run}-ttl`;
    const store = redisDigestStore(redis, prefix);
    const sub = subscription("C1");
    await store.save(sub);
    await store.beginDelivery(sub.id, 1000, "job-1", Date.now(), 60_000);
    await store.recordDelivery(sub.id, 1000, {
      at: "2026-01-01T00:00:00.000Z",
      slot: 1000,
      messageId: "m1",
      corpusVersion: "v1",
      shown: {},
    });
    await store.saveManifest("v1", ["a"]);
    expect(await redis.ttl(`${prefix}:slot:${sub.id}:1000`)).toBeGreaterThan(0);
    expect(await redis.ttl(`${prefix}:manifest2:v1`)).toBeGreaterThan(0);
    expect(await redis.ttl(`${prefix}:sub:${sub.id}`)).toBe(-1);
    expect(await redis.ttl(`${prefix}:last:${sub.id}`)).toBe(-1);
  });
});
