import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseSlackConfig } from "../../../src/adapters/slack/config.ts";

// No YAML parser in the project, so the manifest is checked line by line for what the code needs.
const manifest = await readFile(
  new URL("../../../slack-app-manifest.yml", import.meta.url),
  "utf8",
);
const setting = (key: string) =>
  manifest.match(new RegExp(`^\\s*-?\\s*${key}:\\s*(.+)$`, "m"))?.[1];

describe("slack app manifest", () => {
  it("declares the command the app listens for by default", () => {
    const config = parseSlackConfig({ SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s" });
    expect(config.ok && setting("command")).toBe(config.ok && config.value.command);
  });

  it("asks Slack to pass command text through unescaped (Factdesk escapes it)", () => {
    expect(setting("should_escape")).toBe("false");
  });

  it("requests the scopes of every Web API method the adapter calls", async () => {
    // Method → scope, for the methods Factdesk may call; an unknown method fails the test.
    const scopeOf: Record<string, string[]> = {
      "chat.postMessage": ["chat:write", "chat:write.public"],
      "users.info": ["users:read"],
      "conversations.history": ["channels:history", "groups:history"],
    };
    const dir = new URL("../../../src/adapters/slack/", import.meta.url);
    const sources = await Promise.all(
      (await readdir(dir)).map((f) => readFile(new URL(f, dir), "utf8")),
    );
    const called = new Set(
      sources.flatMap((src) =>
        [...src.matchAll(/client\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`),
      ),
    );
    expect([...called].sort()).toEqual(Object.keys(scopeOf).sort());
    for (const scope of [
      "commands",
      ...[...called].flatMap((m) => scopeOf[m] ?? [`unknown method ${m}`]),
    ]) {
      expect(manifest).toMatch(new RegExp(`^\\s+- ${scope.replace(".", "\\.")}$`, "m"));
    }
  });

  it("turns on interactivity for the buttons, and Socket Mode", () => {
    expect(setting("is_enabled")).toBe("true");
    expect(setting("socket_mode_enabled")).toBe("true");
  });

  it("points both request URLs at Bolt's endpoint", () => {
    expect(setting("url")).toMatch(/\/slack\/events$/);
    expect(setting("request_url")).toMatch(/\/slack\/events$/);
  });

  it("the checks fail on a manifest without them", () => {
    expect(setting("no_such_key")).toBeUndefined();
  });
});
