import type { TestProject } from "vitest/node";
import { findPostgres } from "./postgres-server.ts";
import { ensureRedis, NO_REDIS_MESSAGE } from "./redis-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
    /** Only the PostgreSQL tests need it, so its absence fails them alone, with how to get one. */
    postgres: { url: string } | { missing: string };
  }
}

/**
 * Integration tests get a Redis (the configured one, or a throwaway server started here) and,
 * when one answers, a PostgreSQL.
 */
export default async function setup(project: TestProject) {
  const redis = await ensureRedis().catch((err: Error) => {
    if (err.message !== NO_REDIS_MESSAGE) throw err;
    // The one line the README promises, not a stack trace through vitest's internals.
    console.error(NO_REDIS_MESSAGE);
    process.exit(1);
  });
  project.provide("redisUrl", redis.url);
  project.provide("postgres", await findPostgres());
  return async () => {
    await redis.stop?.();
  };
}
