import { z } from "zod";

const snowflake = (name: string) =>
  z
    .string({ error: `${name} is missing` })
    .regex(/^\d{17,20}$/, `${name} must be a Discord id (17–20 digits)`);

// An empty variable (NAME= in a .env file) counts as unset.
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);

const DiscordEnv = z.object({
  DISCORD_TOKEN: z.preprocess(unsetIfEmpty, z.string({ error: "DISCORD_TOKEN is missing" })),
  DISCORD_APPLICATION_ID: z.preprocess(unsetIfEmpty, snowflake("DISCORD_APPLICATION_ID")),
  DISCORD_GUILD_ID: z.preprocess(unsetIfEmpty, snowflake("DISCORD_GUILD_ID").optional()),
  DISCORD_API_URL: z.preprocess(
    unsetIfEmpty,
    z.url({ error: "DISCORD_API_URL must be a URL such as https://discord.com/api" }).optional(),
  ),
});

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Development: commands are registered to this guild only, where they appear at once. */
  guildId?: string;
  /** The REST base without the version, e.g. https://discord.com/api (tests point it locally). */
  apiUrl?: string;
}

export type DiscordConfigResult =
  | { ok: true; config: DiscordConfig }
  | { ok: false; message: string };

/** Reads the Discord settings from the environment, naming everything missing or malformed. */
export function discordConfig(env: Record<string, string | undefined>): DiscordConfigResult {
  const parsed = DiscordEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => i.message).join("; ");
    return { ok: false, message: `Discord is not configured: ${problems}.` };
  }
  const { DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_API_URL } = parsed.data;
  return {
    ok: true,
    config: {
      token: DISCORD_TOKEN,
      applicationId: DISCORD_APPLICATION_ID,
      ...(DISCORD_GUILD_ID ? { guildId: DISCORD_GUILD_ID } : {}),
      ...(DISCORD_API_URL ? { apiUrl: DISCORD_API_URL.replace(/\/+$/, "") } : {}),
    },
  };
}

/** Whether Discord credentials are set at all (main starts Discord only then). */
export function hasDiscordCredentials(env: Record<string, string | undefined>): boolean {
  return Boolean(env.DISCORD_TOKEN || env.DISCORD_APPLICATION_ID);
}
