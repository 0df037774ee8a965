import { describe, expect, it } from "vitest";
import { discordConfig, hasDiscordCredentials } from "../../../src/adapters/discord/config.ts";

const APP = "123456789012345678";

describe("discordConfig", () => {
  it("names everything missing, counting empty variables as unset", () => {
    const result = discordConfig({ DISCORD_TOKEN: "", DISCORD_GUILD_ID: "" });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "config.invalid",
        message: [
          "Discord configuration is incomplete:",
          "  - DISCORD_TOKEN is missing: the bot token, from the application's Bot page",
          "  - DISCORD_APPLICATION_ID is missing",
          "See .env.example.",
        ].join("\n"),
      },
    });
  });

  it("names malformed ids and URLs", () => {
    const result = discordConfig({
      DISCORD_TOKEN: "t",
      DISCORD_APPLICATION_ID: "12",
      DISCORD_GUILD_ID: "guild",
      DISCORD_API_URL: "not a url",
    });
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.error.message;
    expect(message).toMatch(/DISCORD_APPLICATION_ID must be a Discord id/);
    expect(message).toMatch(/DISCORD_GUILD_ID must be a Discord id/);
    expect(message).toMatch(/DISCORD_API_URL must be an http\(s\) URL/);
  });

  it("reads a full configuration, trimming the API URL's trailing slash", () => {
    expect(
      discordConfig({
        DISCORD_TOKEN: "t",
        DISCORD_APPLICATION_ID: APP,
        DISCORD_GUILD_ID: APP,
        DISCORD_API_URL: "http://127.0.0.1:9/api/",
      }),
    ).toEqual({
      ok: true,
      value: { token: "t", applicationId: APP, guildId: APP, apiUrl: "http://127.0.0.1:9/api" },
    });
    expect(discordConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: APP })).toEqual({
      ok: true,
      value: { token: "t", applicationId: APP },
    });
  });

  it("counts credentials as present when either is set, so half a setup fails loudly", () => {
    expect(hasDiscordCredentials({})).toBe(false);
    expect(hasDiscordCredentials({ DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" })).toBe(false);
    expect(hasDiscordCredentials({ DISCORD_TOKEN: "t" })).toBe(true);
    expect(hasDiscordCredentials({ DISCORD_APPLICATION_ID: APP })).toBe(true);
  });
});
