import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIEmbed,
  type APIInteractionGuildMember,
  type APIMessageComponentButtonInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
} from "discord-api-types/v10";

// Raw INTERACTION_CREATE payloads as the gateway delivers them, typed by discord-api-types so a
// missing or misspelt field fails the type check rather than passing silently.

export const APPLICATION_ID = "900000000000000001";
export const GUILD_ID = "900000000000000002";
export const CHANNEL_ID = "900000000000000003";

let serial = 0;

/** A fresh snowflake-shaped id and token per interaction, so callbacks never collide. */
function nextIds(): { id: string; token: string } {
  serial += 1;
  return { id: String(910000000000000000n + BigInt(serial)), token: `token-${serial}` };
}

export const MEMBER: APIInteractionGuildMember = {
  user: {
    id: "900000000000000010",
    username: "reporter",
    global_name: "Rep Orter",
    discriminator: "0",
    avatar: null,
  },
  nick: "Desk @everyone",
  roles: [],
  joined_at: "2024-01-01T00:00:00.000Z",
  deaf: false,
  mute: false,
  flags: GuildMemberFlags.CompletedOnboarding,
  permissions: "0",
};

function base<T extends InteractionType>(type: T) {
  return {
    ...nextIds(),
    type,
    application_id: APPLICATION_ID,
    guild_id: GUILD_ID,
    channel: { id: CHANNEL_ID, type: ChannelType.GuildText as const },
    channel_id: CHANNEL_ID,
    member: MEMBER,
    version: 1 as const,
    app_permissions: "19456",
    locale: Locale.EnglishGB,
    guild_locale: Locale.EnglishGB,
    entitlements: [],
    authorizing_integration_owners: { 0: GUILD_ID },
    context: InteractionContextType.Guild,
    attachment_size_limit: 8_388_608,
  };
}

/** A subcommand with string options, as Discord nests it in the command's data. */
function subcommand(name: string, options: Record<string, string>) {
  return {
    name,
    type: ApplicationCommandOptionType.Subcommand as const,
    options: Object.entries(options).map(([option, value]) => ({
      name: option,
      type: ApplicationCommandOptionType.String as const,
      value,
    })),
  };
}

/** `/factdesk <sub> <option>:<value>` as a slash command interaction. */
export function chatInput(
  sub: string,
  options: Record<string, string> = {},
): APIChatInputApplicationCommandInteraction {
  return {
    ...base(InteractionType.ApplicationCommand),
    data: {
      id: "900000000000000020",
      name: "factdesk",
      type: ApplicationCommandType.ChatInput,
      options: [subcommand(sub, options)],
    },
  };
}

/** Manage Channels: what changing a channel's digest takes. */
export const MANAGE_CHANNELS = "16";

/** `/factdesk digest <action> <option>:<value>`, by a member with the given permissions. */
export function digestInput(
  action: string,
  options: Record<string, string> = {},
  permissions = "0",
): APIChatInputApplicationCommandInteraction {
  return {
    ...base(InteractionType.ApplicationCommand),
    member: { ...MEMBER, permissions },
    data: {
      id: "900000000000000020",
      name: "factdesk",
      type: ApplicationCommandType.ChatInput,
      options: [
        {
          name: "digest",
          type: ApplicationCommandOptionType.SubcommandGroup,
          options: [subcommand(action, options)],
        },
      ],
    },
  };
}

/** Typing `partial` into the `option` of `/factdesk <sub>`. */
export function autocomplete(
  sub: string,
  option: string,
  partial: string,
): APIApplicationCommandAutocompleteInteraction {
  return {
    ...base(InteractionType.ApplicationCommandAutocomplete),
    data: {
      id: "900000000000000020",
      name: "factdesk",
      type: ApplicationCommandType.ChatInput,
      options: [
        {
          name: sub,
          type: ApplicationCommandOptionType.Subcommand,
          options: [
            {
              name: option,
              type: ApplicationCommandOptionType.String,
              value: partial,
              focused: true,
            },
          ],
        },
      ],
    },
  };
}

/** Pressing the button `customId` on the bot's ephemeral message showing `embeds`. */
export function buttonPress(
  customId: string,
  embeds: APIEmbed[] = [],
): APIMessageComponentButtonInteraction {
  return {
    ...base(InteractionType.MessageComponent),
    data: { custom_id: customId, component_type: ComponentType.Button },
    message: {
      id: "900000000000000030",
      channel_id: CHANNEL_ID,
      author: {
        id: APPLICATION_ID,
        username: "Factdesk",
        global_name: null,
        discriminator: "0",
        avatar: null,
        bot: true,
      },
      content: "",
      timestamp: "2024-03-23T10:00:00.000Z",
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds,
      pinned: false,
      type: MessageType.ChatInputCommand,
      flags: MessageFlags.Ephemeral,
    },
  };
}
