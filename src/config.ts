import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { ok, type Result } from "./core/result.ts";
import { BUNDLED_DATA_DIR } from "./corpus/files.ts";
import { type ConfigFailure, parseEnv } from "./env.ts";

const STORE_MESSAGE = "must be a directory path or a postgres:// URL";

/** A directory path or a postgres:// URL, read into which it is. */
function storeLocation(value: string, ctx: z.RefinementCtx) {
  if (/^postgres(ql)?:\/\//i.test(value)) {
    if (URL.canParse(value)) return { kind: "postgres" as const, url: value };
    ctx.addIssue({ code: "custom", message: STORE_MESSAGE });
    return z.NEVER;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    ctx.addIssue({ code: "custom", message: STORE_MESSAGE });
    return z.NEVER;
  }
  return { kind: "directory" as const, path: resolve(value) };
}

/** Where published corpus versions are kept: a directory (default store/ here) or PostgreSQL. */
const CorpusStoreSetting = z.string().default("store").transform(storeLocation);
export type CorpusStoreSetting = z.infer<typeof CorpusStoreSetting>;

const AppEnv = z.object({
  /** Only seeds an empty store: after that, publishing is how the corpus changes. */
  FACTDESK_DATA_DIR: z.string().min(1).default(BUNDLED_DATA_DIR),
  CORPUS_STORE: CorpusStoreSetting,
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be fatal, error, warn, info, debug, trace or silent",
    })
    .default("info"),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: "must be a redis:// URL" })
    .default("redis://127.0.0.1:6379"),
  /** Key prefix for the digest queue and records, so several deployments can share one Redis. */
  DIGEST_PREFIX: z
    .string()
    .regex(/^[\w-]+$/, "must use letters, digits, _ and - only")
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
  DIGEST_WORKER: z
    .enum(["in-process", "off"], { error: "must be in-process or off" })
    .default("in-process"),
  DIGEST_CONCURRENCY: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be 1-256")
    .max(256, "must be 1-256")
    .default(8),
  /** The internal port of /healthz, /readyz and /metrics; unset serves none. */
  HEALTH_PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0, "must be 0-65535")
    .max(65535, "must be 0-65535")
    .optional(),
  /** Where answers are recorded; unset means the corpus store's place. */
  AUDIT_STORE: z.string().transform(storeLocation).optional(),
  AUDIT_RETENTION_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .default(90),
  /** "off" keeps the text people asked out of the audit trail. */
  AUDIT_QUERY_TEXT: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
});
type ParsedAppEnv = z.infer<typeof AppEnv>;
export type AuditStoreSetting = CorpusStoreSetting;
export type AppEnv = Omit<ParsedAppEnv, "AUDIT_STORE"> & { AUDIT_STORE: AuditStoreSetting };

export function appEnv(env: NodeJS.ProcessEnv): Result<AppEnv, ConfigFailure> {
  const parsed = parseEnv(AppEnv, env, "Factdesk");
  if (!parsed.ok) return parsed;
  const { AUDIT_STORE, CORPUS_STORE } = parsed.value;
  // By default the trail sits with the corpus: its own folder in a directory store, its own
  // table in the PostgreSQL one.
  const audit =
    AUDIT_STORE ??
    (CORPUS_STORE.kind === "directory"
      ? { kind: "directory" as const, path: join(CORPUS_STORE.path, "audit") }
      : CORPUS_STORE);
  return ok({ ...parsed.value, AUDIT_STORE: audit });
}

/** Settings from ./.env when there is one; variables already set in the environment win. */
export function loadDotEnv(): void {
  if (existsSync(".env")) process.loadEnvFile(".env");
}
