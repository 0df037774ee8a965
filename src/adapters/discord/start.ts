import { Events, RESTEvents } from "discord.js";
import type { Corpus } from "../../core/corpus/types.ts";
import type { Logger } from "../../log.ts";
import type { Responder } from "../../respond.ts";
import type { Adapter } from "../adapter.ts";
import { discordAdapter } from "./adapter.ts";
import { createClient } from "./client.ts";
import { discordConfig } from "./config.ts";
import { listenForInteractions } from "./interactions.ts";
import type { DiscordMessage } from "./message.ts";

export { hasDiscordCredentials } from "./config.ts";

export interface DiscordBot {
  /** Posts to channels through the bot's REST client (digests). */
  adapter: Adapter<DiscordMessage>;
  stop(): Promise<void>;
}

/**
 * Connects to the gateway and answers /factdesk interactions until stopped. Throws, naming what
 * is missing, when the configuration is incomplete, and when Discord refuses the login.
 */
export async function startDiscord(options: {
  corpus: Corpus;
  respond: Responder;
  env: Record<string, string | undefined>;
  log: Logger;
}): Promise<DiscordBot> {
  const { corpus, env, respond } = options;
  const log = options.log.child({ platform: "discord" });
  const loaded = discordConfig(env);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const config = loaded.value;
  const client = createClient(config);
  listenForInteractions(client, { corpus, respond, log });
  client.on(Events.Error, (err) => log.error({ err }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn(message));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn(
      { route: info.route, retryAfter: info.retryAfter, global: info.global },
      "discord rate limited",
    ),
  );
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    // A refused token must not leave a half-open gateway connection behind.
    await client.destroy();
    throw err;
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "discord ready");
  return {
    adapter: discordAdapter(client.rest),
    stop: () => client.destroy(),
  };
}
