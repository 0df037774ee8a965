import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface ThrowawayRedis {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const NO_REDIS_MESSAGE =
  "No Redis answers and redis-server is not installed: run `docker compose up -d redis`, or install your OS's redis package (e.g. apt-get install redis-server), or set REDIS_URL.";

/**
 * Starts a redis-server of its own on a free port (or `port`), keeping nothing on disk unless
 * `extraArgs` say otherwise (later arguments override earlier ones).
 */
export async function startThrowawayRedis(
  extraArgs: string[] = [],
  fixedPort?: number,
): Promise<ThrowawayRedis> {
  if (spawnSync("redis-server", ["--version"]).error) throw new Error(NO_REDIS_MESSAGE);
  const port = fixedPort ?? (await freePort());
  const child = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      ...extraArgs,
    ],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await redisAnswers(url)); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!(await redisAnswers(url))) {
    child.kill("SIGKILL");
    throw new Error(`redis-server on port ${port} did not start`);
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The configured Redis if it answers, else a throwaway one; null stop means nothing to stop. */
export async function ensureRedis(
  url: string = process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
): Promise<{ url: string; stop: (() => Promise<void>) | null }> {
  if (await redisAnswers(url)) return { url, stop: null };
  const redis = await startThrowawayRedis();
  return { url: redis.url, stop: redis.stop };
}
