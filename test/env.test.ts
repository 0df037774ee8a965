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
          "Test configuration is incomplete:",
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
});
