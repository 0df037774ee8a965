import type { Redis } from "ioredis";
import type { Code } from "./core/codes.ts";
import { type Failure, fail, ok, type Result } from "./core/result.ts";
import { redisConnection } from "./digests/queue.ts";

/**
 * Connects once, with a short timeout, and says why if Redis cannot be reached: the bot then
 * runs without digests rather than not at all.
 */
export async function connectRedis(
  url: string,
  timeoutMs = 3000,
): Promise<Result<Redis, Failure<Code<"service">>>> {
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
    return fail({
      code: "service.unreachable",
      message: `Redis at ${where} cannot be reached (${lastError || (err as Error).message})`,
    });
  }
  // Connected: from here on, reconnect after drops instead of giving up.
  redis.options.retryStrategy = (times: number) => Math.min(times * 200, 5000);
  return ok(redis);
}
