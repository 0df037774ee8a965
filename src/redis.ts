import type { Redis } from "ioredis";
import { redisConnection } from "./digests/queue.ts";

export type RedisResult = { ok: true; redis: Redis } | { ok: false; reason: string };

/**
 * Connects once, with a short timeout, and says why if Redis cannot be reached: the bot then
 * runs without digests rather than not at all.
 */
export async function connectRedis(url: string, timeoutMs = 3000): Promise<RedisResult> {
  const redis = redisConnection(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  let lastError = "";
  redis.on("error", (err: Error) => {
    lastError = err.message;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    const where = url.replace(/\/\/[^@/]*@/, "//");
    return {
      ok: false,
      reason: `Redis at ${where} cannot be reached (${lastError || (err as Error).message})`,
    };
  }
  // Connected: from here on, reconnect after drops instead of giving up.
  redis.options.retryStrategy = (times: number) => Math.min(times * 200, 5000);
  return { ok: true, redis };
}
