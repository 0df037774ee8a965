import type { TestProject } from "vitest/node";
import { ensureRedis } from "./redis-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** Integration tests get a Redis: the configured one, or a throwaway server started here. */
export default async function setup(project: TestProject) {
  const redis = await ensureRedis();
  project.provide("redisUrl", redis.url);
  return async () => {
    await redis.stop?.();
  };
}
