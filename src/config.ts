import { existsSync } from "node:fs";
import { z } from "zod";
import { BUNDLED_DATA_DIR } from "./core/corpus/load.ts";

const AppEnv = z.object({
  FACTDESK_DATA_DIR: z.string().min(1).default(BUNDLED_DATA_DIR),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: "must be a redis:// URL" })
    .default("redis://127.0.0.1:6379"),
  /** Key prefix for the digest queue and records, so several deployments can share one Redis. */
  DIGEST_PREFIX: z
    .string()
    .regex(/^[\w-]+$/, "letters, digits, _ and - only")
    .default("factdesk"),
  DIGEST_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Europe/Berlin")
    .default("UTC"),
  /** "in-process" runs digest workers inside the bot; "off" leaves them to npm run worker. */
  DIGEST_WORKER: z.enum(["in-process", "off"]).default("in-process"),
  DIGEST_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
});
export type AppEnv = z.infer<typeof AppEnv>;

export type EnvResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Parses one part of the environment with its schema; the failure message names every variable
 * that is missing or wrong, so start-up can stop with one readable line per problem.
 */
export function parseEnv<T>(
  schema: z.ZodType<T>,
  env: NodeJS.ProcessEnv,
  what: string,
): EnvResult<T> {
  // An empty line copied from .env.example means "not set", not "set to nothing".
  const set = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = schema.safeParse(set);
  if (parsed.success) return { ok: true, value: parsed.data };
  const lines = parsed.error.issues.map((i) => {
    const name = i.path.join(".") || "(environment)";
    return i.code === "invalid_type" && i.input === undefined
      ? `  - ${name} is missing`
      : `  - ${name}: ${i.message}`;
  });
  return {
    ok: false,
    message: `${what} configuration is incomplete:\n${lines.join("\n")}\nSee .env.example.`,
  };
}

export function appEnv(env: NodeJS.ProcessEnv): EnvResult<AppEnv> {
  return parseEnv(AppEnv, env, "Factdesk");
}

/** Settings from ./.env when there is one; variables already set in the environment win. */
export function loadDotEnv(): void {
  if (existsSync(".env")) process.loadEnvFile(".env");
}
