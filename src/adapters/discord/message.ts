import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";

/** Nothing the bot sends may ping: no @everyone/@here, no user or role mentions. */
export const NO_MENTIONS = { parse: [] as [] } as const;

/**
 * A message as the Discord API takes it (channel post or interaction reply body), before
 * transport details such as the ephemeral flag or a nonce are added.
 */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: typeof NO_MENTIONS;
}
