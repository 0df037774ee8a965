import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { redisConnection } from "../../src/digests/queue.ts";
import { redisDigestStore } from "../../src/digests/redis-store.ts";
import { SHARES_KEPT_DAYS } from "../../src/ports/digest-store.ts";
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

  it("lets a channel's shared answers expire after its last share, and forgets it once expired", async () => {
    const prefix = `${run}-shares-ttl`;
    const store = redisDigestStore(redis, prefix);
    const channel = { platform: "test", workspaceId: "W1", channelId: "C1" };
    await store.recordShare(channel, "s1", { a: { fingerprint: "f", text: "a" } });
    const days = (seconds: number) => seconds / 86_400;
    for (const key of [`${prefix}:shared-shown:test:W1:C1`, `${prefix}:shared-order:test:W1:C1`]) {
      expect(days(await redis.ttl(key))).toBeGreaterThan(SHARES_KEPT_DAYS - 1);
      expect(days(await redis.ttl(key))).toBeLessThanOrEqual(SHARES_KEPT_DAYS);
    }
    // As if both expired: the channel is no longer listed, nor read.
    await redis.del(`${prefix}:shared-shown:test:W1:C1`, `${prefix}:shared-order:test:W1:C1`);
    expect(await store.allShared()).toEqual([]);
    expect(await redis.hlen(`${prefix}:shared`)).toBe(0);
  });
});
