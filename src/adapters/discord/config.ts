import { z } from "zod";
import { ok, type Result } from "../../core/result.ts";
import { type ConfigFailure, parseEnv } from "../../env.ts";

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17–20 digits)");

const DiscordEnv = z.object({
  DISCORD_TOKEN: z.string({ error: "the bot token, from the application's Bot page" }),
  DISCORD_APPLICATION_ID: snowflake,
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://discord.com/api" })
    .optional(),
});

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Development: commands are registered to this guild only, where they appear at once. */
  guildId?: string;
  /** The REST base without the version, e.g. https://discord.com/api (tests point it locally). */
  apiUrl?: string;
}

/** Reads the Discord settings from the environment, naming everything missing or malformed. */
export function discordConfig(
  env: Record<string, string | undefined>,
): Result<DiscordConfig, ConfigFailure> {
  const parsed = parseEnv(DiscordEnv, env, "Discord");
  if (!parsed.ok) return parsed;
  const { DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_API_URL } = parsed.value;
  return ok({
    token: DISCORD_TOKEN,
    applicationId: DISCORD_APPLICATION_ID,
    ...(DISCORD_GUILD_ID ? { guildId: DISCORD_GUILD_ID } : {}),
    ...(DISCORD_API_URL ? { apiUrl: DISCORD_API_URL.replace(/\/+$/, "") } : {}),
  });
}

/** Whether Discord credentials are set at all (main starts Discord only then). */
export function hasDiscordCredentials(env: Record<string, string | undefined>): boolean {
  return Boolean(env.DISCORD_TOKEN || env.DISCORD_APPLICATION_ID);
}
