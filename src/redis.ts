import type { Redis } from "ioredis";
import type { Code } from "./core/codes.ts";
import { type Failure, fail, ok, type Result } from "./core/result.ts";
import { withinDeadline } from "./deadline.ts";
import { redisConnection } from "./digests/queue.ts";

/**
 * Connects once, with a short timeout, and says why if Redis cannot be reached: the bot then
 * runs without digests rather than not at all. The whole attempt is bounded, not only the TCP
 * connect: a server that accepts the connection and never answers would otherwise hang here.
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
    await withinDeadline(
      (async () => {
        await redis.connect();
        await redis.ping();
      })(),
      timeoutMs,
      `no answer within ${Math.round(timeoutMs / 1000)} s`,
    );
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

/**
 * Tries to connect every `retryMs` until Redis answers, then hands the connection over once; for
 * a bot started while Redis was down, so digests come back on their own. Resolves nothing; the
 * returned function stops trying.
 */
export function connectRedisWhenUp(
  url: string,
  onConnected: (redis: Redis) => void,
  options: { retryMs?: number; timeoutMs?: number; onFailure?: (message: string) => void } = {},
): () => void {
  const { retryMs = 5000, timeoutMs = 3000 } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = async () => {
    const redis = await connectRedis(url, timeoutMs);
    if (stopped) {
      if (redis.ok) redis.value.disconnect();
      return;
    }
    if (redis.ok) return onConnected(redis.value);
    options.onFailure?.(redis.error.message);
    timer = setTimeout(attempt, retryMs);
  };
  timer = setTimeout(attempt, retryMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
