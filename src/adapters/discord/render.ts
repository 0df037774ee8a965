import {
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type {
  ErrorCode,
  ErrorReply,
  FigureOut,
  Item,
  OkReply,
  Reply,
  ReplyCitation,
  Section,
  Suggestion,
} from "../../core/answer/schema.ts";
import type { RenderOptions } from "../adapter.ts";
import { quotesButtonId, SHARE_BUTTON_ID } from "./buttons.ts";
import { LIMITS } from "./limits.ts";
import { type DiscordMessage, NO_MENTIONS } from "./message.ts";
import { clip, inline, plain } from "./text.ts";

export interface DiscordRenderOptions extends RenderOptions {
  /**
   * The command text the asker gave (e.g. "attack crocus"), for an interactive answer: its
   * buttons re-ask it. Without it the message has no buttons (channel posts, shared copies).
   */
  ask?: string;
}

const COLOR = { answer: 0x2f6fb0, disputed: 0xd08c12, error: 0xc0392b } as const;

// Shares of the 6000-character total, taken in priority order, so one long part (a huge
// section list, many quotes) can never push out the title, the figures or the sources.
const SUMMARY_MAX = 1000;
const SUGGESTIONS_MAX = 400;
const FIELDS_MAX = 2400;
const SECTIONS_FLOOR = 600;
/** Raw characters kept of one item or quote before escaping; escaping may double them. */
const ITEM_MAX = 400;
const QUOTE_MAX = 300;
const TITLE_MAX = 150;
/** Outlets, names, dates and suggestion texts: short in any sane corpus. */
const NAME_MAX = 200;
/** A first line shorter than this is dropped rather than clipped to a stub. */
const MIN_CLIPPED_LINE = 40;
/** Room kept for the closing "More: …and N more" field. */
const MORE_FIELD_ROOM = 40;

const ERROR_TITLES: Record<ErrorCode, string> = {
  unknown_command: "Unknown command",
  not_found: "Not found",
  ambiguous: "Which one did you mean?",
  too_long: "Too long",
  bad_input: "Check the request",
  forbidden: "Not allowed",
  unavailable: "Not available right now",
  internal: "Something went wrong",
};

interface Budget {
  left: number;
}

function spend(budget: Budget, text: string): string {
  budget.left -= text.length;
  return text;
}

function moreLine(n: number, what = "more"): string {
  return `…and ${n} ${what}`;
}

/**
 * As many whole lines as fit in `room` characters, then "…and N more" for the rest (counting
 * `omitted`, which the core already left out). A first line too long on its own is clipped.
 */
export function fitLines(lines: readonly string[], room: number, omitted = 0): string {
  const out: string[] = [];
  let used = 0;
  const reserve = moreLine(lines.length + omitted).length + 1;
  for (const [i, line] of lines.entries()) {
    const isLast = i === lines.length - 1 && omitted === 0;
    const sep = out.length > 0 ? 1 : 0;
    const after = isLast ? 0 : reserve;
    if (used + sep + line.length + after <= room) {
      out.push(line);
      used += sep + line.length;
      continue;
    }
    if (out.length === 0 && room - after >= MIN_CLIPPED_LINE) {
      const cut = clip(line, room - after);
      out.push(cut);
      used += cut.length;
      if (isLast) break;
      continue;
    }
    const marker = moreLine(lines.length - i + omitted);
    if (used + sep + marker.length <= room) out.push(marker);
    return out.join("\n");
  }
  if (omitted > 0 && used + 1 + moreLine(omitted).length <= room) out.push(moreLine(omitted));
  return out.join("\n");
}

function refs(cites: readonly number[]): string {
  return cites.length > 0 ? ` ${cites.map((c) => `[${c}]`).join("")}` : "";
}

function highlighted(item: Item): string {
  const text = clip(item.text, ITEM_MAX);
  // A clipped text ends in "…", which no highlight covers.
  const kept = text === item.text ? text.length : text.length - 1;
  let out = "";
  let at = 0;
  for (const [start, end] of item.highlights) {
    const from = Math.max(start, at);
    const to = Math.min(end, kept);
    if (from >= to) continue;
    out += `${plain(text.slice(at, from))}**${plain(text.slice(from, to))}**`;
    at = to;
  }
  return out + plain(text.slice(at));
}

function itemLine(item: Item): string {
  return `• ${highlighted(item)}${refs(item.cites)}${item.disputed ? " — **disputed**" : ""}`;
}

function sectionsText(sections: readonly Section[], room: number): string {
  const blocks: string[] = [];
  let left = room;
  for (const [i, section] of sections.entries()) {
    const heading = `**${inline(section.heading, LIMITS.title)}**`;
    const rest = sections.length - i - 1;
    const tail = rest > 0 ? moreLine(rest, "more sections").length + 2 : 0;
    const hasBody = section.items.length > 0 || section.omitted > 0;
    const body = hasBody
      ? fitLines(section.items.map(itemLine), left - heading.length - 1 - tail, section.omitted)
      : "";
    if (heading.length + tail > left || (hasBody && body === "")) {
      const marker = moreLine(rest + 1, "more sections");
      if (marker.length <= left) blocks.push(marker);
      break;
    }
    const block = body ? `${heading}\n${body}` : heading;
    blocks.push(block);
    // Each block pays for the blank line that follows it.
    left -= block.length + 2;
  }
  return blocks.join("\n\n");
}

function figureField(figure: FigureOut, room: number): APIEmbedField {
  const name = inline(
    `${figure.measure} (${figure.unit})${figure.disputed ? " — DISPUTED" : ""}`,
    LIMITS.fieldName,
  );
  const span = figure.spanLabel ? ` (${plain(figure.spanLabel)})` : "";
  const lines = figure.values.map((v) => {
    const asOf = v.asOf ? ` (as of ${inline(v.asOf, NAME_MAX)})` : "";
    const credit = v.attributedTo ? `, citing ${inline(v.attributedTo, NAME_MAX)}` : "";
    return `• **${inline(v.text, ITEM_MAX)}**${asOf}: ${inline(v.outlet, NAME_MAX)}${credit} [${v.cite}]`;
  });
  const head = figure.disputed ? [`**Disputed**: sources disagree${span}.`] : [];
  return {
    name,
    value: fitLines([...head, ...lines], Math.min(LIMITS.fieldValue, room - name.length)),
  };
}

function plainField(label: string, value: string, cites: readonly number[], disputed: boolean) {
  const name = inline(label, LIMITS.fieldName);
  const text = `${inline(value, LIMITS.fieldValue)}${refs(cites)}${disputed ? " — **disputed**" : ""}`;
  // Short values (dates, places) sit side by side; long ones get the full width.
  return { name, value: clip(text, LIMITS.fieldValue), inline: text.length <= 40 };
}

/** Fields in order until the share or the count runs out, then one saying how many were left. */
function fitFields(
  make: Array<(room: number) => APIEmbedField>,
  maxCount: number,
  budget: Budget,
): APIEmbedField[] {
  const share: Budget = { left: Math.min(FIELDS_MAX, budget.left) };
  const out: APIEmbedField[] = [];
  for (const [i, build] of make.entries()) {
    const rest = make.length - i;
    const roomForMore = rest > 1 ? MORE_FIELD_ROOM : 0;
    const field =
      out.length < maxCount - (rest > 1 ? 1 : 0) ? build(share.left - roomForMore) : null;
    const size = field ? field.name.length + field.value.length : 0;
    if (!field || field.value === "" || size + roomForMore > share.left) {
      if (share.left >= MORE_FIELD_ROOM) out.push({ name: "More", value: moreLine(rest) });
      break;
    }
    out.push(field);
    share.left -= size;
  }
  for (const f of out) spend(budget, f.name + f.value);
  return out;
}

function suggestionLine(s: Suggestion): string {
  const command = `/factdesk ${inline(s.command, NAME_MAX)}`;
  return s.label === s.command ? `• ${command}` : `• ${inline(s.label, NAME_MAX)}: ${command}`;
}

function suggestionsField(reply: Reply, name: string, budget: Budget): APIEmbedField[] {
  if (reply.suggestions.length === 0) return [];
  const value = fitLines(
    reply.suggestions.map(suggestionLine),
    Math.min(SUGGESTIONS_MAX, budget.left) - name.length,
  );
  return value ? [{ name: spend(budget, name), value: spend(budget, value) }] : [];
}

/**
 * One line per cited article ("[1][4] **Outlet**, date: title"), or with quotes shown one entry
 * per citation with its verbatim quote beneath.
 */
function sourceLines(citations: readonly ReplyCitation[], showQuotes: boolean): string[] {
  const source = (c: ReplyCitation) =>
    `**${inline(c.outlet, NAME_MAX)}**, ${inline(c.published.label, NAME_MAX)}: ${inline(c.title, TITLE_MAX)}`;
  if (showQuotes) {
    return citations.map((c) => {
      const quote = inline(c.quote.replace(/\s+/g, " "), QUOTE_MAX);
      return `[${c.id}] ${source(c)}\n> “${quote}”`;
    });
  }
  const byArticle = new Map<string, ReplyCitation[]>();
  for (const c of citations) byArticle.set(c.articleId, [...(byArticle.get(c.articleId) ?? []), c]);
  return [...byArticle.values()].map(
    (cs) => `${refs(cs.map((c) => c.id)).trim()} ${source(cs[0] as ReplyCitation)}`,
  );
}

function footer(reply: Reply): { text: string } {
  // Footers show no markdown, so this text is not escaped; it holds no user text.
  return { text: `Factdesk · corpus ${reply.corpusVersion.slice(0, 12)}` };
}

function buttons(reply: OkReply, ask: string, showQuotes: boolean): APIButtonComponent[] {
  const out: APIButtonComponent[] = [];
  const quotes = quotesButtonId(ask);
  if (!showQuotes && quotes && reply.citations.length > 0) {
    out.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: "Show quotes",
      custom_id: quotes,
    });
  }
  out.push({
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: "Share in channel",
    custom_id: SHARE_BUTTON_ID,
  });
  return out;
}

/** The "Shared by" line above a re-posted answer; plain text so a display name cannot format. */
function sharedByLine(name: string): string {
  return `Shared by ${inline(name, NAME_MAX)}`;
}

function renderAnswer(reply: OkReply, options: DiscordRenderOptions): DiscordMessage {
  const { answer } = reply;
  // An interactive answer whose request is too long for a button shows its quotes at once.
  const tooLongForButton = options.ask !== undefined && quotesButtonId(options.ask) === null;
  const showQuotes = options.showQuotes === true || tooLongForButton;
  const budget: Budget = { left: LIMITS.embedTotal };
  const title = spend(budget, inline(answer.title, LIMITS.title));
  const foot = footer(reply);
  spend(budget, foot.text);
  const summary = spend(budget, answer.summary ? inline(answer.summary, SUMMARY_MAX) : "");
  const sourcesTitle = reply.citations.length > 0 ? spend(budget, "Sources") : "";

  const suggestions = suggestionsField(reply, "Try next", budget);
  const fields = fitFields(
    [
      ...answer.fields.map((f) => () => plainField(f.label, f.value, f.cites, f.disputed)),
      ...answer.figures.map((f) => (room: number) => figureField(f, room)),
    ],
    LIMITS.fields - suggestions.length,
    budget,
  );
  const sectionsFloor = answer.sections.length > 0 ? SECTIONS_FLOOR : 0;
  const sources = spend(
    budget,
    fitLines(
      sourceLines(reply.citations, showQuotes),
      Math.min(LIMITS.description, budget.left - sectionsFloor),
    ),
  );
  const gap = summary ? 2 : 0;
  const descriptionRoom = Math.min(LIMITS.description - summary.length, budget.left) - gap;
  const sections = spend(budget, sectionsText(answer.sections, descriptionRoom));
  const description = [summary, sections].filter((t) => t !== "").join("\n\n");

  const main: APIEmbed = {
    title,
    color: answer.disputed ? COLOR.disputed : COLOR.answer,
    ...(description ? { description } : {}),
    ...(fields.length + suggestions.length > 0 ? { fields: [...fields, ...suggestions] } : {}),
  };
  const embeds: APIEmbed[] = sources
    ? [main, { title: sourcesTitle, description: sources, color: main.color, footer: foot }]
    : [{ ...main, footer: foot }];
  const row =
    options.ask !== undefined && options.sharedBy === undefined
      ? buttons(reply, options.ask, showQuotes)
      : [];
  return {
    ...(options.sharedBy !== undefined ? { content: sharedByLine(options.sharedBy) } : {}),
    embeds,
    components: row.length > 0 ? [{ type: ComponentType.ActionRow, components: row }] : [],
    allowed_mentions: NO_MENTIONS,
  };
}

function renderError(reply: ErrorReply): DiscordMessage {
  const budget: Budget = { left: LIMITS.embedTotal };
  const title = spend(budget, ERROR_TITLES[reply.error.code]);
  const description = spend(budget, inline(reply.error.message, LIMITS.description / 2));
  const usage = reply.error.usage
    ? [
        {
          name: spend(budget, "Usage"),
          value: spend(budget, `/factdesk ${inline(reply.error.usage, LIMITS.fieldValue - 10)}`),
        },
      ]
    : [];
  const fields = [...usage, ...suggestionsField(reply, "Did you mean", budget)];
  return {
    embeds: [
      {
        title,
        description,
        color: COLOR.error,
        ...(fields.length > 0 ? { fields } : {}),
        footer: footer(reply),
      },
    ],
    components: [],
    allowed_mentions: NO_MENTIONS,
  };
}

/**
 * A reply as a Discord message: an answer embed (title, summary and sections, fields, each
 * figure with every source's value), a Sources embed, and buttons when it is interactive.
 * Always within Discord's limits: what does not fit is cut with "…and N more".
 */
export function renderMessage(reply: Reply, options: DiscordRenderOptions = {}): DiscordMessage {
  return reply.ok ? renderAnswer(reply, options) : renderError(reply);
}

/** A copy of the embeds a user sees, to re-post visibly under "Shared by". */
export function sharedCopy(embeds: readonly APIEmbed[], sharedBy: string): DiscordMessage {
  return {
    content: sharedByLine(sharedBy),
    // Only what the renderer sets is copied: Discord adds read-only fields to embeds it returns.
    embeds: embeds.map(({ title, description, color, fields, footer }) => ({
      title,
      description,
      color,
      fields: fields?.map(({ name, value, inline }) => ({ name, value, inline })),
      footer: footer && { text: footer.text },
    })),
    components: [],
    allowed_mentions: NO_MENTIONS,
  };
}
