import type { APIEmbed } from "discord.js";
import type { DiscordMessage } from "./message.ts";

/** Discord's documented message, embed and component limits (in characters). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Across title, description, field names and values, footer and author of every embed. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** The characters of one embed that count towards the 6000 total. */
function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

function over(what: string, length: number, max: number): string[] {
  return length > max ? [`${what} is ${length} characters (max ${max})`] : [];
}

function embedViolations(embed: APIEmbed, at: string): string[] {
  const found = [
    ...over(`${at}.title`, embed.title?.length ?? 0, LIMITS.title),
    ...over(`${at}.description`, embed.description?.length ?? 0, LIMITS.description),
    ...over(`${at}.footer`, embed.footer?.text.length ?? 0, LIMITS.footer),
    ...over(`${at}.author`, embed.author?.name.length ?? 0, LIMITS.authorName),
  ];
  const fields = embed.fields ?? [];
  if (fields.length > LIMITS.fields) found.push(`${at} has ${fields.length} fields (max 25)`);
  fields.forEach((f, i) => {
    found.push(...over(`${at}.fields[${i}].name`, f.name.length, LIMITS.fieldName));
    found.push(...over(`${at}.fields[${i}].value`, f.value.length, LIMITS.fieldValue));
    // Discord rejects the whole message for an empty field name or value.
    if (f.name.trim() === "" || f.value.trim() === "") found.push(`${at}.fields[${i}] is empty`);
  });
  if (!embed.title && !embed.description && fields.length === 0) found.push(`${at} is empty`);
  return found;
}

/** Every limit the message breaks; empty when Discord would accept it. */
export function limitViolations(message: DiscordMessage): string[] {
  const found = over("content", message.content?.length ?? 0, LIMITS.content);
  if (message.embeds.length > LIMITS.embeds) {
    found.push(`${message.embeds.length} embeds (max ${LIMITS.embeds})`);
  }
  message.embeds.forEach((e, i) => {
    found.push(...embedViolations(e, `embeds[${i}]`));
  });
  const total = message.embeds.reduce((n, e) => n + embedLength(e), 0);
  found.push(...over("all embeds together", total, LIMITS.embedTotal));
  if (message.components.length > LIMITS.actionRows) {
    found.push(`${message.components.length} action rows (max ${LIMITS.actionRows})`);
  }
  message.components.forEach((row, r) => {
    if (row.components.length > LIMITS.buttonsPerRow) {
      found.push(`row ${r} has ${row.components.length} buttons (max ${LIMITS.buttonsPerRow})`);
    }
    row.components.forEach((b, i) => {
      const label = "label" in b ? (b.label?.length ?? 0) : 0;
      found.push(...over(`row ${r} button ${i} label`, label, LIMITS.buttonLabel));
      if ("custom_id" in b) {
        found.push(...over(`row ${r} button ${i} custom_id`, b.custom_id.length, LIMITS.customId));
      }
    });
  });
  if (message.allowed_mentions.parse.length > 0) found.push("allowed_mentions can ping");
  return found;
}
