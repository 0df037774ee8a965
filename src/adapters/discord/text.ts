const ZERO_WIDTH_SPACE = "\u200B";

/**
 * User and corpus text made inert for Discord markdown, in four linear passes (discord.js's
 * escapeMarkdown makes about fifteen and cost 50 µs a string, most of an answer's time):
 * - every character that can open inline markup (\ * _ ` ~ | [ ]) is backslash-escaped, so no
 *   bold, italics, code, spoiler, strikethrough or masked link can form;
 * - a line starting like a block quote, heading, subtext or list (> # - 1.) is escaped;
 * - allowed_mentions stops pings, but `<@id>`, `<#id>`, `<@&id>`, `</cmd:id>`, `<t:…>` and
 *   `@everyone` would still render as mentions or pills, so a zero-width space goes after every
 *   `<` and `@` that starts a token: the reader sees the same characters, Discord parses nothing.
 */
export function plain(text: string): string {
  return text
    .replace(/[\\*_`~|[\]]/g, "\\$&")
    .replace(/^([ \t]*)([>#-])/gm, "$1\\$2")
    .replace(/^([ \t]*\d+)\. /gm, "$1\\. ")
    .replace(/([<@])(?=\S)/g, `$1${ZERO_WIDTH_SPACE}`);
}

/**
 * Cuts text to at most `max` UTF-16 units (never more characters than Discord counts), ending
 * in "…". Never splits a surrogate pair or leaves a dangling escape backslash.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  let head = text.slice(0, cut);
  const backslashes = /\\*$/.exec(head)?.[0].length ?? 0;
  if (backslashes % 2 === 1) head = head.slice(0, -1);
  return `${head}…`;
}

/** Clipped markdown of ours: a cut that left a "**" unclosed drops it. */
export function clipMarkdown(text: string, max: number): string {
  const cut = clip(text, max);
  if (cut === text) return cut;
  // Escaped text has no "**" of its own: "\*" pairs are skipped, the rest are our markers.
  const markers = [...cut.matchAll(/\\.|\*\*/g)].filter((m) => m[0] === "**");
  const last = markers.at(-1);
  if (markers.length % 2 === 0 || last?.index === undefined) return cut;
  return cut.slice(0, last.index) + cut.slice(last.index + 2);
}

/**
 * User or corpus text, made inert and cut to `max` characters. The raw text is cut first, so a
 * huge input costs no more to escape than what can be shown.
 */
export function inline(text: string, max: number): string {
  return clip(plain(clip(text, max)), max);
}

/** Markdown `text` as a masked link to `url` when it is a plain http(s) address; else the text. */
export function linked(text: string, url: string | null): string {
  if (!url || !/^https?:\/\/[^\s<>]+$/.test(url)) return text;
  return `[${text}](${url.replace(/[()]/g, (c) => encodeURIComponent(c))})`;
}
