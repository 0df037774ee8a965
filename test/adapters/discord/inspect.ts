import { type DiscordMessage, NO_MENTIONS } from "../../../src/adapters/discord/message.ts";
import { plain } from "../../../src/adapters/discord/text.ts";
import { type CitationsShown, readCitations } from "../contract.ts";

/** The parts of a message Discord renders as markdown (and so would parse mentions in). */
function markdownParts(message: DiscordMessage): string[] {
  return [
    message.content ?? "",
    ...message.embeds.flatMap((e) => [
      e.title ?? "",
      e.description ?? "",
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ];
}

/** Markdown as a reader sees it: escapes, bold markers, quote bars and zero-width spaces gone. */
function asRendered(markdown: string): string {
  return markdown
    .replace(/\u200B/g, "")
    .replace(/\*\*/g, "")
    .replace(/^> /gm, "")
    .replace(/\\([^\w\s])/g, "$1");
}

/** Everything a reader would see, in order: text, embeds, footers and button labels. */
export function visibleText(message: DiscordMessage): string {
  const footers = message.embeds.map((e) => e.footer?.text ?? "");
  const labels = message.components.flatMap((row) =>
    row.components.map((b) => ("label" in b ? (b.label ?? "") : "")),
  );
  return [...markdownParts(message).map(asRendered), ...footers, ...labels].join("\n");
}

// What Discord turns into a ping or a mention pill: users, roles, channels, slash commands,
// timestamps, @everyone and @here.
const MENTION = /<@[!&]?\d+>|<#\d+>|<\/[^>\s]+:\d+>|<t:\d+(?::\w)?>|@everyone|@here/g;

/** Every mention Discord would render in the message's markdown parts. */
export function mentionsIn(message: DiscordMessage): string[] {
  return markdownParts(message).flatMap((part) => part.match(MENTION) ?? []);
}

/** Plain text as a reader sees it once the renderer has escaped it. */
export function asShown(text: string): string {
  return visibleText({
    embeds: [{ description: plain(text) }],
    components: [],
    allowed_mentions: NO_MENTIONS,
  }).trim();
}

/**
 * What a message cites: every [n] outside the sources, each source line by id ("[1][4] Outlet,
 * date: title", the quote on the next line when shown), and how many sources it left out.
 */
export function citationsShown(message: DiscordMessage): CitationsShown {
  return readCitations(visibleText(message), {
    source: /^((?:\[\d+\])+) /,
    quote: "“",
    marker: /\[(\d+)\]/g,
    leftOut: /^…and (\d+) more sources?$/,
  });
}
