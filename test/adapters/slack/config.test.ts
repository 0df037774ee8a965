import { describe, expect, it } from "vitest";
import { hasSlackCredentials, parseSlackConfig } from "../../../src/adapters/slack/config.ts";

const BOT = "xoxb-1-2-abc";
const SECRET = "s3cr3t-signing";
const APP = "xapp-1-A1-abc";

describe("slack config", () => {
  it("picks HTTP mode with a bot token and a signing secret", () => {
    expect(parseSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET })).toEqual({
      ok: true,
      value: {
        mode: "http",
        botToken: BOT,
        signingSecret: SECRET,
        port: 3000,
        command: "/factdesk",
        apiUrl: undefined,
        digestManagers: [],
      },
    });
  });

  it("reads the digest managers list, and refuses what is not a user id", () => {
    const env = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };
    expect(parseSlackConfig({ ...env, SLACK_DIGEST_MANAGERS: "U01AAA, U02BBB" })).toMatchObject({
      ok: true,
      value: { digestManagers: ["U01AAA", "U02BBB"] },
    });
    expect(parseSlackConfig({ ...env, SLACK_DIGEST_MANAGERS: "alice" })).toMatchObject({
      ok: false,
      error: { code: "config.invalid", message: expect.stringContaining("SLACK_DIGEST_MANAGERS") },
    });
  });

  it("picks Socket Mode when an app token is set, without needing a signing secret", () => {
    const result = parseSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
    expect(result).toMatchObject({ ok: true, value: { mode: "socket", appToken: APP } });
  });

  it("reads PORT, SLACK_API_URL and SLACK_COMMAND", () => {
    const result = parseSlackConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: "0",
      SLACK_API_URL: "http://127.0.0.1:9999/api/",
      SLACK_COMMAND: "facts",
    });
    expect(result).toMatchObject({
      ok: true,
      value: { port: 0, apiUrl: "http://127.0.0.1:9999/api/", command: "/facts" },
    });
  });

  it("accepts the command name with its slash too", () => {
    const result = parseSlackConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_COMMAND: "/facts",
    });
    expect(result).toMatchObject({ ok: true, value: { command: "/facts" } });
  });

  it("names every missing variable at once", () => {
    const result = parseSlackConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/SLACK_BOT_TOKEN is missing/);
    expect(result.error.message).toMatch(/SLACK_SIGNING_SECRET is missing/);
    expect(result.error.message).toMatch(/SLACK_APP_TOKEN for Socket Mode/);
  });

  it("treats a blank variable as unset", () => {
    const result = parseSlackConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: " ",
      SLACK_APP_TOKEN: "",
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/SLACK_SIGNING_SECRET is missing/);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: "xoxp-user" }, /SLACK_BOT_TOKEN must be a bot token/],
    [{ SLACK_APP_TOKEN: "xoxb-wrong" }, /SLACK_APP_TOKEN must be an app-level token/],
    [{ PORT: "eighty" }, /PORT must be a port number/],
    [{ PORT: "70000" }, /PORT must be 0-65535/],
    [{ SLACK_API_URL: "ftp://x" }, /SLACK_API_URL must be an http\(s\) URL/],
    [{ SLACK_COMMAND: "fact desk" }, /SLACK_COMMAND must be a command name/],
    [{ SLACK_COMMAND: "/Factdesk" }, /SLACK_COMMAND must be a command name/],
  ])("refuses a bad value, naming the variable: %o", (override, pattern) => {
    const result = parseSlackConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      ...override,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(pattern);
  });

  it("never echoes a secret in its message", () => {
    const result = parseSlackConfig({
      SLACK_BOT_TOKEN: "xoxp-leaked",
      SLACK_APP_TOKEN: "leaked-app",
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).not.toMatch(/leaked/);
  });

  it("says whether Slack is asked for at all", () => {
    expect(hasSlackCredentials({})).toBe(false);
    expect(hasSlackCredentials({ SLACK_BOT_TOKEN: "  " })).toBe(false);
    expect(hasSlackCredentials({ SLACK_BOT_TOKEN: BOT })).toBe(true);
    expect(hasSlackCredentials({ SLACK_APP_TOKEN: APP })).toBe(true);
    expect(hasSlackCredentials({ SLACK_SIGNING_SECRET: SECRET })).toBe(true);
  });
});
