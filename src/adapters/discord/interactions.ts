import {
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  Events,
  type Interaction,
  PermissionFlagsBits,
} from "discord.js";
import { z } from "zod";
import type { Caller } from "../../commands/command.ts";
import type { Responder } from "../../commands/responder.ts";
import type { Logger } from "../../log.ts";
import { messageOptions, replyOrDefer } from "./acknowledge.ts";
import { type ButtonAction, parseButtonId } from "./buttons.ts";
import { ROOT_COMMAND } from "./commands.ts";
import { NO_MENTIONS } from "./message.ts";
import { render, sharedCopy } from "./render.ts";

export interface InteractionDeps {
  responder: Responder;
  log: Logger;
}

/** Who asks where; managing the channel (or the server) is what changing a digest takes. */
function callerOf(interaction: BaseInteraction): Caller {
  const perms = interaction.memberPermissions;
  return {
    platform: "discord",
    workspaceId: interaction.guildId ?? "dm",
    channelId: interaction.channelId ?? "unknown",
    userId: interaction.user.id,
    canManage: async () =>
      Boolean(
        perms?.has(PermissionFlagsBits.ManageChannels) ||
          perms?.has(PermissionFlagsBits.ManageGuild),
      ),
  };
}

/** Discord shows at most 25 autocomplete choices, each name and value ≤100 characters. */
const CHOICES_MAX = 25;
const CHOICE_MAX = 100;

/** Every registered option is a string: anything else comes from a stale or forged definition. */
const OptionValues = z.record(z.string(), z.string());

/** How to bring Discord's copy of the command definitions back in line with this bot. */
const REREGISTER =
  "Its commands on this server are out of date: whoever runs Factdesk can re-register them with `npm run discord:register`.";

async function answerCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps) {
  const group = interaction.options.getSubcommandGroup(false);
  const name = interaction.options.getSubcommand(false) ?? "help";
  const top = interaction.options.data[0];
  const given = (group ? top?.options?.[0]?.options : top?.options) ?? [];
  const parsed = OptionValues.safeParse(Object.fromEntries(given.map((o) => [o.name, o.value])));
  // Options of the wrong type get the command's usage, which says what it takes.
  const input = !parsed.success
    ? { text: `help ${group ?? name}` }
    : group
      ? { command: group, subcommand: name, options: parsed.data }
      : { command: name, options: parsed.data };
  const rendered = deps.responder
    .answer({ caller: callerOf(interaction), input })
    .then(({ reply, reask, seq }) => render(reply, reask === null ? {} : { ask: reask, seq }));
  // A command waiting on a service (digests on Redis) may be slow: Discord is told "thinking…".
  await replyOrDefer(interaction, rendered, "ephemeral");
}

/** The option being typed into, looked for rather than assumed: a request may have none. */
function focusedOption(interaction: AutocompleteInteraction) {
  const walk = (options: readonly { focused?: boolean; options?: unknown }[]): unknown =>
    options.find((o) => o.focused) ??
    options.map((o) => (Array.isArray(o.options) ? walk(o.options) : undefined)).find(Boolean);
  const found = walk(interaction.options.data) as { name: string; value?: unknown } | undefined;
  return found && typeof found.name === "string" ? found : null;
}

async function suggestNames(interaction: AutocompleteInteraction, deps: InteractionDeps) {
  const focused = focusedOption(interaction);
  // Nothing being typed: nothing to suggest, and nothing wrong with the bot.
  if (!focused) return interaction.respond([]);
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(false) ?? "";
  const choices = deps.responder.complete({
    command: group ?? sub,
    ...(group ? { subcommand: sub } : {}),
    option: focused.name,
    partial: typeof focused.value === "string" ? focused.value : String(focused.value ?? ""),
  });
  await interaction.respond(
    choices
      // A clipped value would ask for something else, so an over-long one is left out.
      .filter((c) => c.value.length <= CHOICE_MAX && c.name.length > 0)
      .slice(0, CHOICES_MAX)
      .map((c) => ({
        name: c.name.length <= CHOICE_MAX ? c.name : `${c.name.slice(0, CHOICE_MAX - 1)}…`,
        value: c.value,
      })),
  );
}

function displayName(interaction: ButtonInteraction): string {
  const member = interaction.member;
  if (member && "displayName" in member) return member.displayName;
  return member?.nick ?? interaction.user.displayName;
}

/**
 * Shares an answer visibly: asked again as a share (audited as one, and told the posted message,
 * so a later correction of what it showed replies to it). An error stays with the clicker; a
 * button without its command text copies the message it is on.
 */
async function share(
  interaction: ButtonInteraction,
  action: Extract<ButtonAction, { kind: "share" }>,
  deps: InteractionDeps,
) {
  deps.log.info({ interaction: interaction.id, guild: interaction.guildId }, "discord share");
  const sharedBy = displayName(interaction);
  if (action.commandText === undefined) {
    const embeds = interaction.message.embeds.map((e) => e.toJSON());
    await replyOrDefer(interaction, Promise.resolve(sharedCopy(embeds, sharedBy)), "visible");
    return;
  }
  const { reply, shared } = await deps.responder.answer({
    caller: callerOf(interaction),
    input: { text: action.commandText },
    via: "share",
    ...(action.madeFrom ? { madeFrom: action.madeFrom } : {}),
  });
  if (!reply.ok) {
    await replyOrDefer(interaction, Promise.resolve(render(reply)), "ephemeral");
    return;
  }
  const message = render(reply, { sharedBy, showQuotes: action.quotes === true });
  await replyOrDefer(interaction, Promise.resolve(message), "visible");
  if (!shared) return;
  // The interaction's reply is the shared message; its id is what a correction replies to.
  try {
    await shared((await interaction.fetchReply()).id);
  } catch (err) {
    deps.log.warn(
      { err, interaction: interaction.id },
      "the shared message's id could not be read",
    );
  }
}

async function pressButton(interaction: ButtonInteraction, deps: InteractionDeps) {
  const action = parseButtonId(interaction.customId);
  if (!action) {
    const message = render(deps.responder.notice("expired"));
    await replyOrDefer(interaction, Promise.resolve(message), "ephemeral");
    return;
  }
  if (action.kind === "share") {
    await share(interaction, action, deps);
    return;
  }
  const message = deps.responder
    .answer({
      caller: callerOf(interaction),
      input: { text: action.commandText },
      via: "button",
      ...(action.madeFrom ? { madeFrom: action.madeFrom } : {}),
    })
    .then(({ reply, reask, seq }) =>
      render(
        reply,
        reask === null ? {} : { ask: reask, seq, showQuotes: action.kind === "quotes" },
      ),
    );
  await replyOrDefer(interaction, message, "update");
}

/** A command Discord still lists but this bot does not answer: say so, and how to fix it. */
function unknownCommand(interaction: ChatInputCommandInteraction) {
  // A code span, so a forged name shows as typed rather than as markdown.
  const name = interaction.commandName.replace(/`/g, "").slice(0, 32);
  return {
    content: `Factdesk does not know the command \`/${name}\`. ${REREGISTER}`,
    embeds: [],
    components: [],
    allowed_mentions: NO_MENTIONS,
  };
}

/** Tells the user something failed, however far the interaction had got. */
async function apologise(interaction: Interaction, deps: InteractionDeps) {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable() || interaction.replied) return;
  const message = render(deps.responder.notice("failed"));
  if (interaction.deferred) await interaction.editReply(messageOptions(message));
  else await replyOrDefer(interaction, Promise.resolve(message), "ephemeral");
}

/** Answers one interaction: a /factdesk subcommand, an autocomplete request or a button. */
async function handleInteraction(interaction: Interaction, deps: InteractionDeps) {
  try {
    if (interaction.isChatInputCommand() && interaction.commandName === ROOT_COMMAND) {
      await answerCommand(interaction, deps);
    } else if (interaction.isAutocomplete() && interaction.commandName === ROOT_COMMAND) {
      await suggestNames(interaction, deps);
    } else if (interaction.isButton()) {
      await pressButton(interaction, deps);
    } else if (interaction.isChatInputCommand()) {
      await replyOrDefer(interaction, Promise.resolve(unknownCommand(interaction)), "ephemeral");
    } else if (interaction.isAutocomplete()) {
      await interaction.respond([]);
    }
  } catch (err) {
    deps.log.error(
      { err, interaction: interaction.id, type: interaction.type },
      "discord interaction failed",
    );
    // The interaction may have expired; nothing more can be said to the user then.
    await apologise(interaction, deps).catch((e: unknown) =>
      deps.log.warn({ err: e, interaction: interaction.id }, "discord apology failed"),
    );
  }
}

/** Routes every interaction the client receives to the handler. */
export function listenForInteractions(client: Client, deps: InteractionDeps): void {
  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction, deps);
  });
}
