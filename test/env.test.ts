import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appEnv } from "../src/config.ts";
import { parseEnv } from "../src/env.ts";

const Schema = z.object({
  TOKEN: z.string({ error: "from the settings page" }),
  SIZE: z.coerce.number({ error: "must be a number" }).default(3),
  NAME: z.string().optional(),
});

describe("parseEnv", () => {
  it("reads values, applying defaults and treating blank variables as unset", () => {
    expect(parseEnv(Schema, { TOKEN: "t", SIZE: "  ", NAME: "" }, "Test")).toEqual({
      ok: true,
      value: { TOKEN: "t", SIZE: 3 },
    });
  });

  it("names every problem at once, with hints, schema and cross-variable checks together", () => {
    const result = parseEnv(Schema, { SIZE: "many" }, "Test", (set) =>
      set.NAME ? [] : ["NAME is missing: needed when SIZE is set"],
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: "config.invalid",
        message: [
          "Test configuration is not valid:",
          "  - TOKEN is missing: from the settings page",
          "  - SIZE must be a number",
          "  - NAME is missing: needed when SIZE is set",
          "See .env.example.",
        ].join("\n"),
      },
    });
  });

  it("never echoes a value", () => {
    const result = parseEnv(
      z.object({ KEY: z.string().startsWith("ok-", "must start with ok-") }),
      { KEY: "s3cret" },
      "Test",
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error.message).not.toContain("s3cret");
  });
});

describe("parseEnv in plain words", () => {
  const message = (schema: z.ZodType, env: Record<string, string>) => {
    const result = parseEnv(schema, env, "Test");
    return result.ok ? "" : result.error.message;
  };

  it("says incomplete only when something is missing, not when a value is malformed", () => {
    const schema = z.object({ A: z.string({ error: "the A" }), B: z.coerce.number().optional() });
    expect(message(schema, {})).toContain("Test configuration is incomplete:");
    expect(message(schema, { A: "x", B: "many" })).toMatch(
      /^Test configuration is not valid:\n {2}- B must be a number\n/,
    );
  });

  it("turns validator wording into plain words", () => {
    const text = message(
      z.object({
        MODE: z.enum(["fast", "slow", "off"]),
        HOME: z.url(),
        COUNT: z.coerce.number().int(),
        LIST: z.string().min(3),
      }),
      { MODE: "warp", HOME: "nowhere", COUNT: "1.5", LIST: "ab" },
    );
    expect(text).toContain("MODE must be fast, slow or off");
    expect(text).toContain("HOME must be a URL");
    expect(text).toContain("COUNT must be a number");
    expect(text).toContain("LIST must be at least 3");
    expect(text).not.toMatch(/Invalid|expected|received|Too small/);
  });

  it("names a list variable once however many of its entries are wrong", () => {
    const List = z
      .string()
      .transform((s) => s.split(","))
      .pipe(z.array(z.string().regex(/^U/, "must list user ids")));
    const text = message(z.object({ IDS: List }), { IDS: "a,b,c" });
    expect(text.split("\n").filter((l) => l.includes("IDS"))).toEqual([
      "  - IDS must list user ids",
    ]);
  });
});

describe("appEnv", () => {
  it("has working defaults", () => {
    expect(appEnv({})).toMatchObject({
      ok: true,
      value: {
        REDIS_URL: "redis://127.0.0.1:6379",
        DIGEST_TIMEZONE: "UTC",
        DIGEST_WORKER: "in-process",
        DIGEST_CONCURRENCY: 8,
      },
    });
  });

  it("refuses a wrong zone, URL or level, naming each", () => {
    const result = appEnv({
      DIGEST_TIMEZONE: "Mars/Base",
      REDIS_URL: "http://x",
      LOG_LEVEL: "loud",
    });
    const message = result.ok ? "" : result.error.message;
    expect(message).toContain("DIGEST_TIMEZONE must be an IANA time zone");
    expect(message).toContain("REDIS_URL must be a redis:// URL");
    expect(message).toContain("LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent");
  });

  it("names DIGEST_WORKER, HEALTH_PORT and the audit settings in plain words", () => {
    const result = appEnv({
      DIGEST_WORKER: "sometimes",
      HEALTH_PORT: "http",
      AUDIT_RETENTION_DAYS: "0",
      AUDIT_QUERY_TEXT: "maybe",
      AUDIT_STORE: "s3://bucket",
    });
    const message = result.ok ? "" : result.error.message;
    expect(message.split("\n").slice(1, -1)).toEqual([
      "  - DIGEST_WORKER must be in-process or off",
      "  - HEALTH_PORT must be a port number",
      "  - AUDIT_STORE must be a directory path or a postgres:// URL",
      "  - AUDIT_RETENTION_DAYS must be at least 1 day",
      "  - AUDIT_QUERY_TEXT must be on or off",
    ]);
    expect(message).toMatch(/^Factdesk configuration is not valid:/);
  });

  it("keeps the audit trail with the corpus store unless AUDIT_STORE says otherwise", () => {
    const audit = (env: Record<string, string>) => {
      const result = appEnv(env);
      return result.ok ? result.value.AUDIT_STORE : null;
    };
    expect(audit({ CORPUS_STORE: "/srv/store" })).toEqual({
      kind: "directory",
      path: "/srv/store/audit",
    });
    const pg = "postgres://u@db/x";
    expect(audit({ CORPUS_STORE: pg })).toEqual({ kind: "postgres", url: pg });
    expect(audit({ CORPUS_STORE: pg, AUDIT_STORE: "/var/audit" })).toEqual({
      kind: "directory",
      path: "/var/audit",
    });
  });
});
