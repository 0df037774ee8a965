import { Events, RESTEvents } from "discord.js";
import type { Responder } from "../../commands/responder.ts";
import { REACH_WITHIN_MS, withinDeadline } from "../../deadline.ts";
import type { Logger } from "../../log.ts";
import type { RunningPlatform } from "../adapter.ts";
import { createClient } from "./client.ts";
import type { DiscordConfig } from "./config.ts";
import { listenForInteractions } from "./interactions.ts";

/** Discord's 401 at login, as a message that says which variable to fix. */
function refusedToken(err: unknown): Error | null {
  const { code, status } = err as { code?: unknown; status?: unknown };
  if (code !== "TokenInvalid" && status !== 401) return null;
  return new Error(
    "Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN, the token from the application's Bot page (Reset Token gives a new one).",
  );
}

/**
 * Connects to the gateway and answers /factdesk interactions until stopped. Throws when Discord
 * refuses the login.
 */
export async function startDiscord(options: {
  config: DiscordConfig;
  responder: Responder;
  log: Logger;
  /** How long to wait for Discord at start-up; REACH_WITHIN_MS unless a test says otherwise. */
  reachWithinMs?: number;
}): Promise<RunningPlatform> {
  const { config, responder } = options;
  const log = options.log.child({ platform: "discord" });
  const client = createClient(config);
  listenForInteractions(client, { responder, log });
  client.on(Events.Error, (err) => log.error({ err }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn(message));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn(
      { route: info.route, retryAfter: info.retryAfter, global: info.global },
      "discord rate limited",
    ),
  );
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const ms = options.reachWithinMs ?? REACH_WITHIN_MS;
  const where = config.apiUrl ? `DISCORD_API_URL (${config.apiUrl})` : "the network to discord.com";
  try {
    await withinDeadline(
      (async () => {
        await client.login(config.token);
        await ready;
      })(),
      ms,
      `Discord could not be reached within ${Math.round(ms / 1000)} s to log in with DISCORD_TOKEN: check ${where}.`,
    );
  } catch (err) {
    // A refused token must not leave a half-open gateway connection behind.
    await client.destroy();
    throw refusedToken(err) ?? err;
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "discord ready");
  return {
    stop: () => client.destroy(),
    connected: () => client.isReady(),
  };
}
