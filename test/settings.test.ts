import { describe, expect, it } from "vitest";
import { readSettings } from "../src/settings.ts";

const SLACK = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "s3cr3t-signing" };
const DISCORD = { DISCORD_TOKEN: "t0k3n", DISCORD_APPLICATION_ID: "123456789012345678" };

describe("readSettings", () => {
  it("reads every part, leaving out the platforms without credentials", () => {
    const none = readSettings({});
    expect(none).toMatchObject({ ok: true, value: { slack: null, discord: null } });
    const both = readSettings({ ...SLACK, ...DISCORD });
    expect(both).toMatchObject({
      ok: true,
      value: {
        slack: { botToken: SLACK.SLACK_BOT_TOKEN, mode: "http" },
        discord: { applicationId: DISCORD.DISCORD_APPLICATION_ID },
        app: { DIGEST_TIMEZONE: "UTC" },
      },
    });
  });

  it("names a bad Discord setting together with a bad Slack one and a bad app one, all at once", () => {
    const read = readSettings({
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      DISCORD_TOKEN: "t0k3n",
      DIGEST_CONCURRENCY: "lots",
    });
    if (read.ok) throw new Error("incomplete settings must be refused");
    expect(read.error.message).toContain("SLACK_SIGNING_SECRET");
    expect(read.error.message).toContain("DISCORD_APPLICATION_ID");
    expect(read.error.message).toContain("DIGEST_CONCURRENCY");
  });

  it("refuses a DISCORD_API_URL that is not http(s), naming it", () => {
    const read = readSettings({ ...DISCORD, DISCORD_API_URL: "ftp://x" });
    expect(read.ok || read.error.message).toContain(
      "DISCORD_API_URL must be an http(s) URL such as https://discord.com/api",
    );
  });

  it("names each variable once, in plain words, with no validator text", () => {
    const read = readSettings({
      ...SLACK,
      SLACK_DIGEST_MANAGERS: "alice,bob,carol",
      DIGEST_WORKER: "yes",
    });
    if (read.ok) throw new Error("must be refused");
    const lines = read.error.message.split("\n");
    expect(lines.filter((l) => l.includes("SLACK_DIGEST_MANAGERS"))).toHaveLength(1);
    expect(read.error.message).toContain("DIGEST_WORKER must be in-process or off");
    expect(read.error.message).not.toMatch(/Invalid|expected one of|incomplete/);
  });

  it("never echoes a secret in its message", () => {
    const read = readSettings({ SLACK_BOT_TOKEN: "not-a-token-s3cr3t", DISCORD_TOKEN: "s3cr3t" });
    if (read.ok) throw new Error("must be refused");
    expect(read.error.message).not.toContain("s3cr3t");
  });

  it("reads CORPUS_STORE as a directory or a postgres URL, naming the variable when it is neither", () => {
    const store = (value?: string) => {
      const read = readSettings(value === undefined ? {} : { CORPUS_STORE: value });
      return read.ok ? read.value.app.CORPUS_STORE : read.error.message;
    };
    expect(store()).toEqual({ kind: "directory", path: `${process.cwd()}/store` });
    expect(store("/srv/corpus")).toEqual({ kind: "directory", path: "/srv/corpus" });
    expect(store("postgres://factdesk:pw@db:5432/factdesk")).toEqual({
      kind: "postgres",
      url: "postgres://factdesk:pw@db:5432/factdesk",
    });
    for (const bad of ["mysql://db/factdesk", "postgres://db:port/x"]) {
      expect(store(bad)).toContain("CORPUS_STORE must be a directory path or a postgres:// URL");
    }
    expect(store("postgres://u:s3cr3t@db:port/x")).not.toContain("s3cr3t");
  });
});
