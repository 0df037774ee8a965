import { type InteractionReplyOptions, MessageFlags, type RepliableInteraction } from "discord.js";
import type { DiscordMessage } from "./message.ts";

/**
 * Discord drops an interaction not acknowledged within 3 s. Answers take well under a
 * millisecond, so the reply goes straight out; only work still pending after this long is
 * deferred ("thinking…") and edited in when done. The margin covers the callback's own trip.
 */
const DEFER_AFTER_MS = 2000;

/**
 * How the message is delivered: a new message only the asker sees, a new message the channel
 * sees, or in place of the message whose button was pressed.
 */
export type Delivery = "ephemeral" | "visible" | "update";

const LATE = Symbol("late");

/** The message as discord.js's reply, update and edit options. */
export function messageOptions(message: DiscordMessage) {
  return {
    content: message.content ?? "",
    embeds: message.embeds,
    components: message.components,
    allowedMentions: message.allowed_mentions,
  };
}

function replyOptions(message: DiscordMessage, delivery: Delivery): InteractionReplyOptions {
  return {
    ...messageOptions(message),
    ...(delivery === "visible" ? {} : { flags: MessageFlags.Ephemeral }),
  };
}

/** Acknowledges the interaction with the message, deferring first when it is slow to come. */
export async function replyOrDefer(
  interaction: RepliableInteraction,
  message: Promise<DiscordMessage>,
  delivery: Delivery,
  deferAfterMs = DEFER_AFTER_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(resolve, deferAfterMs, LATE);
  });
  const first = await Promise.race([message, late]).finally(() => clearTimeout(timer));
  const pressed = delivery === "update" && interaction.isMessageComponent() ? interaction : null;
  if (first !== LATE) {
    if (pressed) await pressed.update(messageOptions(first));
    else await interaction.reply(replyOptions(first, delivery));
    return;
  }
  if (pressed) await pressed.deferUpdate();
  else
    await interaction.deferReply(delivery === "visible" ? {} : { flags: MessageFlags.Ephemeral });
  await interaction.editReply(messageOptions(await message));
}
