import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from "discord.js";
import type { CommandInfo } from "../../commands/command.ts";
import { MAX_INPUT_LENGTH } from "../../commands/input.ts";
import { commands } from "../../commands/registry.ts";
import { clip } from "./text.ts";

/** The one application command; every Factdesk command is a subcommand of it. */
export const ROOT_COMMAND = "factdesk";

const DESCRIPTION_MAX = 100;

function subcommand(info: CommandInfo, sub: SlashCommandSubcommandBuilder) {
  sub.setName(info.name).setDescription(clip(info.summary, DESCRIPTION_MAX));
  // Discord requires required options before optional ones.
  const ordered = [...info.options].sort((a, b) => Number(b.required) - Number(a.required));
  for (const option of ordered) {
    sub.addStringOption((o) => {
      o.setName(option.name)
        .setDescription(clip(option.description, DESCRIPTION_MAX))
        .setRequired(option.required)
        .setMaxLength(MAX_INPUT_LENGTH);
      return option.complete ? o.setAutocomplete(true) : o;
    });
  }
  return sub;
}

/**
 * The application command definitions, built from the command registry that the interaction
 * handler answers from, so what is registered and what is answered cannot drift. The builder
 * validates every name and length and throws on a definition Discord would refuse.
 */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const root = new SlashCommandBuilder()
    .setName(ROOT_COMMAND)
    .setDescription("Sourced answers on actors, attacks and figures from the Factdesk corpus")
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  // A command with subcommands becomes a group: Discord nests at most that deep.
  for (const info of commands) {
    const { subcommands } = info;
    if (!subcommands) {
      root.addSubcommand((sub) => subcommand(info, sub));
      continue;
    }
    root.addSubcommandGroup((group) => {
      group.setName(info.name).setDescription(clip(info.summary, DESCRIPTION_MAX));
      for (const child of subcommands) group.addSubcommand((sub) => subcommand(child, sub));
      return group;
    });
  }
  return [root.toJSON()];
}

/**
 * What the bot asks for when invited: View Channel (1024), Send Messages (2048) and Embed Links
 * (16384) to post digests, and Read Message History (65536) to look for a slot's marker among
 * recent messages before posting again after a Redis recovery.
 */
export const BOT_PERMISSIONS = 1024 + 2048 + 16384 + 65536;

export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${encodeURIComponent(applicationId)}&scope=bot+applications.commands&permissions=${BOT_PERMISSIONS}`;
}
