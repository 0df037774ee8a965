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
 * A line whose `tail` (citation numbers, a disputed mark) is never clipped: when the line is too
 * long only its `body` is shortened, so it keeps the numbers that point at its sources.
 */
export interface Line {
  body: string;
  tail: string;
}

const whole = (line: string | Line) => (typeof line === "string" ? line : line.body + line.tail);

/** Clipped markdown of ours: a cut that left a "**" unclosed drops it. */
function clipMarkdown(text: string, max: number): string {
  const cut = clip(text, max);
  if (cut === text) return cut;
  // Escaped text has no "**" of its own: "\*" pairs are skipped, the rest are our markers.
  const markers = [...cut.matchAll(/\\.|\*\*/g)].filter((m) => m[0] === "**");
  const last = markers.at(-1);
  if (markers.length % 2 === 0 || last?.index === undefined) return cut;
  return cut.slice(0, last.index) + cut.slice(last.index + 2);
}

/** fitLines, and how many of `lines` it kept (a clipped line counts as kept). */
function fitLinesKept(
  lines: readonly (string | Line)[],
  room: number,
  omitted = 0,
): { text: string; kept: number } {
  const out: string[] = [];
  let used = 0;
  const reserve = moreLine(lines.length + omitted).length + 1;
  for (const [i, entry] of lines.entries()) {
    const line = whole(entry);
    const isLast = i === lines.length - 1 && omitted === 0;
    const sep = out.length > 0 ? 1 : 0;
    const after = isLast ? 0 : reserve;
    if (used + sep + line.length + after <= room) {
      out.push(line);
      used += sep + line.length;
      continue;
    }
    const { body, tail } = typeof entry === "string" ? { body: entry, tail: "" } : entry;
    if (out.length === 0 && room - after - tail.length >= MIN_CLIPPED_LINE) {
      const cut = `${clipMarkdown(body, room - after - tail.length)}${tail}`;
      out.push(cut);
      used += cut.length;
      if (isLast) break;
      continue;
    }
    const marker = moreLine(lines.length - i + omitted);
    const kept = out.length;
    if (used + sep + marker.length <= room) out.push(marker);
    return { text: out.join("\n"), kept };
  }
  const kept = out.length;
  if (omitted > 0 && used + 1 + moreLine(omitted).length <= room) out.push(moreLine(omitted));
  return { text: out.join("\n"), kept };
}

/**
 * As many whole lines as fit in `room` characters, then "…and N more" for the rest (counting
 * `omitted`, which the core already left out). A first line too long on its own is clipped,
 * keeping a `Line`'s tail.
 */
export function fitLines(lines: readonly (string | Line)[], room: number, omitted = 0): string {
  return fitLinesKept(lines, room, omitted).text;
}

function refs(cites: readonly number[]): string {
  return cites.length > 0 ? ` ${cites.map((c) => `[${c}]`).join("")}` : "";
}

/**
 * Citation numbers (and a disputed mark) to follow a text, within `max` characters: all of
 * them in any real answer, the first few when there are absurdly many. `ids` are those shown.
 */
function citeTail(
  cites: readonly number[],
  disputed: boolean,
  max: number,
): { tail: string; ids: number[] } {
  const mark = disputed ? " — **disputed**" : "";
  let n = cites.length;
  while (n > 0 && refs(cites.slice(0, n)).length + mark.length > max) n--;
  const ids = cites.slice(0, n);
  return { tail: `${refs(ids)}${mark}`, ids };
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

/** An item's line, and the citation numbers it shows. */
function itemLine(item: Item): { line: Line; ids: number[] } {
  const { tail, ids } = citeTail(item.cites, item.disputed, ITEM_MAX);
  return { line: { body: `• ${highlighted(item)}`, tail }, ids };
}

/** A section escaped once, to be fitted into different rooms. */
interface PreparedSection {
  heading: string;
  items: { line: Line; ids: number[] }[];
  omitted: number;
}

function prepareSections(sections: readonly Section[]): PreparedSection[] {
  return sections.map((s) => ({
    heading: `**${inline(s.heading, LIMITS.title)}**`,
    items: s.items.map(itemLine),
    omitted: s.omitted,
  }));
}

/** The sections within `room`, and the citation numbers of the items kept, in order. */
function sectionsText(
  sections: readonly PreparedSection[],
  room: number,
): { text: string; ids: number[] } {
  const blocks: string[] = [];
  const ids: number[] = [];
  let left = room;
  for (const [i, section] of sections.entries()) {
    const { heading } = section;
    const rest = sections.length - i - 1;
    const tail = rest > 0 ? moreLine(rest, "more sections").length + 2 : 0;
    const hasBody = section.items.length > 0 || section.omitted > 0;
    const body = hasBody
      ? fitLinesKept(
          section.items.map((it) => it.line),
          left - heading.length - 1 - tail,
          section.omitted,
        )
      : { text: "", kept: 0 };
    if (heading.length + tail > left || (hasBody && body.text === "")) {
      const marker = moreLine(rest + 1, "more sections");
      if (marker.length <= left) blocks.push(marker);
      break;
    }
    const block = body.text ? `${heading}\n${body.text}` : heading;
    blocks.push(block);
    for (const it of section.items.slice(0, body.kept)) ids.push(...it.ids);
    // Each block pays for the blank line that follows it.
    left -= block.length + 2;
  }
  return { text: blocks.join("\n\n"), ids };
}

/** A field, and the citation numbers it shows. */
interface CitedField {
  field: APIEmbedField;
  ids: number[];
}

function figureField(figure: FigureOut, room: number): CitedField {
  const name = inline(
    `${figure.measure} (${figure.unit})${figure.disputed ? " — DISPUTED" : ""}`,
    LIMITS.fieldName,
  );
  const span = figure.spanLabel ? ` (${plain(figure.spanLabel)})` : "";
  const lines = figure.values.map((v): Line => {
    const asOf = v.asOf ? ` (as of ${inline(v.asOf, NAME_MAX)})` : "";
    const credit = v.attributedTo ? `, citing ${inline(v.attributedTo, NAME_MAX)}` : "";
    return {
      body: `• **${inline(v.text, ITEM_MAX)}**${asOf}: ${inline(v.outlet, NAME_MAX)}${credit}`,
      tail: refs([v.cite]),
    };
  });
  const head = figure.disputed ? [`**Disputed**: sources disagree${span}.`] : [];
  const fitted = fitLinesKept([...head, ...lines], Math.min(LIMITS.fieldValue, room - name.length));
  const shown = figure.values.slice(0, Math.max(0, fitted.kept - head.length));
  return { field: { name, value: fitted.text }, ids: shown.map((v) => v.cite) };
}

function plainField(
  label: string,
  value: string,
  cites: readonly number[],
  disputed: boolean,
): CitedField {
  const name = inline(label, LIMITS.fieldName);
  const { tail, ids } = citeTail(cites, disputed, LIMITS.fieldValue / 2);
  const text = `${inline(value, LIMITS.fieldValue - tail.length)}${tail}`;
  // Short values (dates, places) sit side by side; long ones get the full width.
  return { field: { name, value: text, inline: text.length <= 40 }, ids };
}

/**
 * Fields in order until the share or the count runs out, then one saying how many were left;
 * with the citation numbers the fields kept show, in order.
 */
function fitFields(
  make: Array<(room: number) => CitedField>,
  maxCount: number,
  budget: Budget,
): { fields: APIEmbedField[]; ids: number[] } {
  const share: Budget = { left: Math.min(FIELDS_MAX, budget.left) };
  const out: APIEmbedField[] = [];
  const ids: number[] = [];
  for (const [i, build] of make.entries()) {
    const rest = make.length - i;
    const roomForMore = rest > 1 ? MORE_FIELD_ROOM : 0;
    const built =
      out.length < maxCount - (rest > 1 ? 1 : 0) ? build(share.left - roomForMore) : null;
    const field = built?.field;
    const size = field ? field.name.length + field.value.length : 0;
    if (!field || field.value === "" || size + roomForMore > share.left) {
      if (share.left >= MORE_FIELD_ROOM) out.push({ name: "More", value: moreLine(rest) });
      break;
    }
    out.push(field);
    ids.push(...(built?.ids ?? []));
    share.left -= size;
  }
  for (const f of out) spend(budget, f.name + f.value);
  return { fields: out, ids };
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

/** A source entry and how many citations it stands for. */
interface SourceEntry {
  text: string;
  count: number;
}

/** A citation's source ("**Outlet**, date: title") or, with `showQuotes`, its quote too. */
type SourceText = (c: ReplyCitation) => string;

/** Escapes each citation once, however many plans of the message show it. */
function sourceTexts(showQuotes: boolean): SourceText {
  const cache = new Map<ReplyCitation, string>();
  return (c) => {
    let text = cache.get(c);
    if (text === undefined) {
      text = `**${inline(c.outlet, NAME_MAX)}**, ${inline(c.published.label, NAME_MAX)}: ${inline(c.title, TITLE_MAX)}`;
      if (showQuotes) text += `\n> “${inline(c.quote.replace(/\s+/g, " "), QUOTE_MAX)}”`;
      cache.set(c, text);
    }
    return text;
  };
}

/**
 * The sources of `citations` (those the message refers to, in order of first reference): one
 * line per cited article ("[1][4] **Outlet**, date: title"), or with quotes shown one entry per
 * citation with its verbatim quote beneath.
 */
function sourceEntries(
  citations: readonly ReplyCitation[],
  showQuotes: boolean,
  source: SourceText,
): SourceEntry[] {
  if (showQuotes) return citations.map((c) => ({ text: `[${c.id}] ${source(c)}`, count: 1 }));
  const byArticle = new Map<string, ReplyCitation[]>();
  for (const c of citations) {
    const same = byArticle.get(c.articleId);
    if (same) same.push(c);
    else byArticle.set(c.articleId, [c]);
  }
  return [...byArticle.values()].map((cs) => ({
    text: `${refs(cs.map((c) => c.id)).trim()} ${source(cs[0] as ReplyCitation)}`,
    count: cs.length,
  }));
}

/** The length of every entry shown, one per line. */
const entriesLength = (entries: readonly SourceEntry[]) =>
  entries.reduce((n, e, i) => n + (i > 0 ? 1 : 0) + e.text.length, 0);

function moreSources(n: number): string {
  return moreLine(n, n === 1 ? "more source" : "more sources");
}

/**
 * As many entries as fit in `room`, in order (the first referenced first), then "…and N more
 * sources" counting the citations left out.
 */
function fitSources(entries: readonly SourceEntry[], room: number): string {
  const total = entries.reduce((n, e) => n + e.count, 0);
  const out: string[] = [];
  let used = 0;
  let shown = 0;
  for (const entry of entries) {
    const rest = total - shown - entry.count;
    const reserve = rest > 0 ? moreSources(rest).length + 1 : 0;
    const sep = out.length > 0 ? 1 : 0;
    if (used + sep + entry.text.length + reserve > room) break;
    out.push(entry.text);
    used += sep + entry.text.length;
    shown += entry.count;
  }
  const left = total - shown;
  if (left > 0 && used + (out.length > 0 ? 1 : 0) + moreSources(left).length <= room) {
    out.push(moreSources(left));
  }
  return out.join("\n");
}

/** Each cited id once, in order of first reference, as the citations they number. */
function firstReferences(
  byId: ReadonlyMap<number, ReplyCitation>,
  lists: readonly (readonly number[])[],
): ReplyCitation[] {
  const seen = new Map<number, ReplyCitation>();
  for (const list of lists) {
    for (const id of list) {
      const c = byId.get(id);
      if (c && !seen.has(id)) seen.set(id, c);
    }
  }
  return [...seen.values()];
}

/**
 * Splits the room left between the sections and the sources of what the message shows, so that
 * every citation number shown has its source: the sections get as much room as still leaves the
 * sources of the lines they keep room to fit (at least SECTIONS_FLOOR, when the summary's and
 * fields' sources alone leave less; those then say how many sources were left out).
 */
function fitBody(
  sections: readonly PreparedSection[],
  byId: ReadonlyMap<number, ReplyCitation>,
  shownIds: readonly (readonly number[])[],
  showQuotes: boolean,
  room: { description: number; total: number },
): { sections: string; sources: SourceEntry[] } {
  const source = sourceTexts(showQuotes);
  const plan = (sectionsRoom: number) => {
    const fitted = sectionsText(sections, Math.max(0, sectionsRoom));
    const cited = firstReferences(byId, [...shownIds, fitted.ids]);
    const sources = sourceEntries(cited, showQuotes, source);
    const length = entriesLength(sources);
    const fits = length <= LIMITS.description && fitted.text.length + length <= room.total;
    return { sections: fitted.text, sources, fits };
  };
  const most = plan(room.description);
  if (sections.length === 0 || most.fits) return most;
  let low = Math.min(SECTIONS_FLOOR, room.description);
  let best = plan(low);
  if (!best.fits) return best;
  // Keeping more lines only ever cites more sources, so the room that fits is found by halving.
  let high = room.description;
  while (high - low > 8) {
    const mid = Math.floor((low + high) / 2);
    const p = plan(mid);
    if (p.fits) {
      low = mid;
      best = p;
    } else {
      high = mid;
    }
  }
  return best;
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
  // The summary's citation numbers follow it, as any line's do, so its sources are not orphans.
  const summaryCited = answer.summary
    ? citeTail(answer.summaryCites, false, SUMMARY_MAX / 2)
    : { tail: "", ids: [] };
  const summary = spend(
    budget,
    answer.summary
      ? `${inline(answer.summary, SUMMARY_MAX - summaryCited.tail.length)}${summaryCited.tail}`
      : "",
  );
  const sourcesTitle = reply.citations.length > 0 ? spend(budget, "Sources") : "";

  const suggestions = suggestionsField(reply, "Try next", budget);
  const { fields, ids: fieldIds } = fitFields(
    [
      ...answer.fields.map((f) => () => plainField(f.label, f.value, f.cites, f.disputed)),
      ...answer.figures.map((f) => (room: number) => figureField(f, room)),
    ],
    LIMITS.fields - suggestions.length,
    budget,
  );
  const gap = summary ? 2 : 0;
  const fitted = fitBody(
    prepareSections(answer.sections),
    new Map(reply.citations.map((c) => [c.id, c])),
    [summaryCited.ids, fieldIds],
    showQuotes,
    {
      description: Math.min(LIMITS.description - summary.length, budget.left) - gap,
      total: budget.left - gap,
    },
  );
  const sections = spend(budget, fitted.sections);
  const sources = spend(
    budget,
    fitSources(fitted.sources, Math.min(LIMITS.description, budget.left - gap)),
  );
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
export function render(reply: Reply, options: DiscordRenderOptions = {}): DiscordMessage {
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
