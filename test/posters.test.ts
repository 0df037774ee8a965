import { describe, expect, it } from "vitest";
import { platformPosters } from "../src/posters.ts";
import { readSettings } from "../src/settings.ts";

function settings(env: Record<string, string>) {
  const read = readSettings(env);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

describe("platformPosters", () => {
  it("makes one poster per platform with credentials, and none without", () => {
    expect([...platformPosters(settings({})).keys()]).toEqual([]);
    const both = platformPosters(
      settings({
        SLACK_BOT_TOKEN: "xoxb-1-2-abc",
        SLACK_SIGNING_SECRET: "s3cr3t-signing",
        DISCORD_TOKEN: "t0k3n",
        DISCORD_APPLICATION_ID: "123456789012345678",
      }),
    );
    expect([...both.keys()].sort()).toEqual(["discord", "slack"]);
    expect(both.get("slack")?.platform).toBe("slack");
    expect(both.get("discord")?.platform).toBe("discord");
  });
});
