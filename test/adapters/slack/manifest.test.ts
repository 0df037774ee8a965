import { readFile } from "node:fs/promises";
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
    expect(config.ok && setting("command")).toBe(config.ok && config.config.command);
  });

  it("asks Slack to pass command text through unescaped (Factdesk escapes it)", () => {
    expect(setting("should_escape")).toBe("false");
  });

  it("requests the scopes the adapter uses", () => {
    for (const scope of ["commands", "chat:write", "chat:write.public"]) {
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
