import { Client, GatewayIntentBits, REST, type RESTOptions } from "discord.js";
import type { DiscordConfig } from "./config.ts";
import { NO_MENTIONS } from "./message.ts";

/**
 * discord.js waits out rate limits itself; a wait longer than this fails the request instead
 * (a post comes back transient with retryAfterMs), so a digest worker is not held for minutes
 * and an interaction reply is not sent after its token has expired.
 */
const LONGEST_RATE_LIMIT_WAIT_MS = 10_000;

function restOptions(config: Pick<DiscordConfig, "apiUrl">): Partial<RESTOptions> {
  return {
    ...(config.apiUrl ? { api: config.apiUrl } : {}),
    rejectOnRateLimit: (limit) =>
      Math.max(limit.timeToReset, limit.retryAfter) > LONGEST_RATE_LIMIT_WAIT_MS,
  };
}

/**
 * The gateway client. Guilds is the only intent: interactions arrive without any, and with the
 * guilds cached an interaction's member arrives as a GuildMember (display name for "Shared by").
 * No privileged intent (members, presences, message content) is needed.
 */
export function createClient(config: Pick<DiscordConfig, "apiUrl">): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: restOptions(config),
  });
}

/** A REST client alone (command registration), with discord.js's rate-limit handling. */
export function createRest(config: Pick<DiscordConfig, "apiUrl" | "token">): REST {
  return new REST(restOptions(config)).setToken(config.token);
}
