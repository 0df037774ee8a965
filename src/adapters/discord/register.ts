import {
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from "discord.js";
import { commandDefinitions } from "./commands.ts";
import type { DiscordConfig } from "./config.ts";

export interface Registration {
  scope: "guild" | "global";
  definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[];
}

/**
 * Replaces the application's commands with the registry's: in one guild when a guild id is set
 * (development; changes show at once), otherwise globally. PUT makes it idempotent.
 */
export async function registerCommands(
  rest: REST,
  config: Pick<DiscordConfig, "applicationId" | "guildId">,
): Promise<Registration> {
  const definitions = commandDefinitions();
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  await rest.put(route, { body: definitions });
  return { scope: config.guildId ? "guild" : "global", definitions };
}
