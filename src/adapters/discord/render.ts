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
  Field,
  FigureOut,
  Item,
  OkReply,
  Reply,
  ReplyCitation,
  Section,
  Suggestion,
} from "../../core/reply/schema.ts";
import type { RenderOptions } from "../adapter.ts";
import {
  citationsFor,
  citeEach,
  citeTail,
  type Entry,
  entriesLength,
  figureNote,
  fitEntries,
  fitLines,
  fitParts,
  type Line,
  type Markup,
  moreText,
  type Part,
  textLine,
  widest,
} from "../layout.ts";
import { moreButtonId, quotesButtonId, shareButtonId } from "./buttons.ts";
import { LIMITS } from "./limits.ts";
import { type DiscordMessage, NO_MENTIONS } from "./message.ts";
import { clip, clipMarkdown, inline, linked, plain } from "./text.ts";

export interface DiscordRenderOptions extends RenderOptions {
  /**
   * The command text the asker gave (e.g. "attack crocus"), for an interactive answer: its
   * buttons re-ask it. Without it the message has no buttons (channel posts, shared copies).
   */
  ask?: string;
  /** The published version the reply came from, which its buttons remember. */
  seq?: number | null;
  /** A digest's or correction's slot marker, closing its footer, by which a lost post is found. */
  marker?: string;
}

const COLOR = { answer: 0x2f6fb0, disputed: 0xd08c12, error: 0xc0392b } as const;

// Caps on the parts' shares of the 6000-character total, taken in priority order.
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

const disputedMark = (disputed: boolean) => (disputed ? " — **disputed**" : "");

const MARKUP: Markup = { clip: clipMarkdown, note: (text) => text };

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

function itemLine(item: Item): Line {
  const tail = citeTail(item.cites, citeEach, ITEM_MAX, disputedMark(item.disputed));
  return { body: `• ${highlighted(item)}`, ...tail };
}

/** A section's text fitted into a room, and the citation numbers it shows. */
interface SectionText extends Part {
  text: string;
}

/** A section, escaped once, to be fitted into whatever room it is given. */
function sectionPart(s: Section): (room: number) => SectionText | null {
  const heading = `**${inline(s.heading, LIMITS.title)}**`;
  const items = s.items.map(itemLine);
  return (room) => {
    if (heading.length > room) return null;
    if (items.length + s.omitted === 0) return { text: heading, size: heading.length, ids: [] };
    const body = fitLines(items, room - heading.length - 1, MARKUP, s.omitted);
    if (body.text === "") return null;
    const text = `${heading}\n${body.text}`;
    return { text, size: text.length, ids: body.ids };
  };
}

/** The sections within `room`, blank lines between, then "…and N more sections" if cut. */
function fitSections(
  sections: readonly ((room: number) => SectionText | null)[],
  room: number,
): { text: string; ids: number[] } {
  const more = (n: number) => moreText(n, "section");
  const fitted = fitParts(sections, {
    count: Number.POSITIVE_INFINITY,
    room,
    gap: 2,
    noteSize: (n) => more(n).length,
  });
  const texts = fitted.shown.map((s) => s.text);
  if (fitted.note) texts.push(more(fitted.more));
  return { text: texts.join("\n\n"), ids: fitted.ids };
}

/** An embed field, and the citation numbers it shows. */
interface CitedField extends Part {
  field: APIEmbedField;
}

const citedField = (field: APIEmbedField, ids: readonly number[]): CitedField | null =>
  field.value === "" ? null : { field, ids, size: field.name.length + field.value.length };

function figureField(figure: FigureOut, note: string | null, room: number): CitedField | null {
  const name = inline(
    `${figure.measure} (${figure.unit})${figure.disputed ? " — DISPUTED" : ""}`,
    LIMITS.fieldName,
  );
  const lines = figure.values.map((v): Line => {
    const asOf = v.asOf ? ` (as of ${inline(v.asOf, NAME_MAX)})` : "";
    const credit = v.attributedTo ? `, citing ${inline(v.attributedTo, NAME_MAX)}` : "";
    const body = `• **${inline(v.text, ITEM_MAX)}**${asOf}: ${inline(v.outlet, NAME_MAX)}${credit}`;
    return { body, tail: citeEach([v.cite]), ids: [v.cite] };
  });
  const head = figure.disputed
    ? [textLine("**Disputed**: sources disagree; no single amount fits every value.")]
    : note
      ? [textLine(`*${plain(note)}*`)]
      : [];
  const value = fitLines(
    [...head, ...lines],
    Math.min(LIMITS.fieldValue, room - name.length),
    MARKUP,
  );
  return citedField({ name, value: value.text }, value.ids);
}

function plainField(f: Field): CitedField | null {
  const name = inline(f.label, LIMITS.fieldName);
  const { tail, ids } = citeTail(
    f.cites,
    citeEach,
    LIMITS.fieldValue / 2,
    disputedMark(f.disputed),
  );
  const value = `${inline(f.value, LIMITS.fieldValue - tail.length)}${tail}`;
  // Short values (dates, places) sit side by side; long ones get the full width.
  return citedField({ name, value, inline: value.length <= 40 }, ids);
}

/** Fields in order within `room` and `count`, then one saying how many were left out. */
function fitFields(answer: OkReply["answer"], count: number, room: number) {
  const fitted = fitParts(
    [
      ...answer.fields.map((f) => () => plainField(f)),
      ...answer.figures.map((f) => (at: number) => figureField(f, figureNote(answer, f), at)),
    ],
    { count, room, gap: 0, noteSize: () => MORE_FIELD_ROOM },
  );
  const fields = fitted.shown.map((f) => f.field);
  if (fitted.note) fields.push({ name: "More", value: moreText(fitted.more) });
  return { fields, ids: fitted.ids };
}

function suggestionLine(s: Suggestion): Line {
  const command = `/factdesk ${inline(s.command, NAME_MAX)}`;
  return textLine(
    s.label === s.command ? `• ${command}` : `• ${inline(s.label, NAME_MAX)}: ${command}`,
  );
}

function suggestionsField(reply: Reply, name: string, room: number): APIEmbedField[] {
  if (reply.suggestions.length === 0) return [];
  const value = fitLines(reply.suggestions.map(suggestionLine), room - name.length, MARKUP).text;
  return value ? [{ name, value }] : [];
}

/** A citation's source ("**Outlet**, date: title") or, with `showQuotes`, its quote too. */
function sourceText(c: ReplyCitation, showQuotes: boolean): string {
  const text = `**${inline(c.outlet, NAME_MAX)}**, ${inline(c.published.label, NAME_MAX)}: ${linked(inline(c.title, TITLE_MAX), c.url)}`;
  return showQuotes ? `${text}\n> “${inline(c.quote.replace(/\s+/g, " "), QUOTE_MAX)}”` : text;
}

/**
 * The sources of `citations` (those the message shows): one line per cited article ("[1][4]
 * **Outlet**, date: title"), or with quotes shown one entry per citation, its quote beneath.
 */
function sourceEntries(
  citations: readonly ReplyCitation[],
  texts: ReadonlyMap<number, string>,
  showQuotes: boolean,
): Entry[] {
  const groups = new Map<string, ReplyCitation[]>();
  for (const c of citations) {
    const key = showQuotes ? String(c.id) : c.articleId;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((cs) => ({
    text: `${citeEach(cs.map((c) => c.id)).trim()} ${texts.get((cs[0] as ReplyCitation).id)}`,
    count: cs.length,
  }));
}

/** The characters of `fields` that count towards the embed total. */
const fieldsLength = (fields: readonly APIEmbedField[]) =>
  fields.reduce((n, f) => n + f.name.length + f.value.length, 0);

/**
 * Splits the room left between the sections and the sources of what the message shows, so that
 * every citation number shown has its source: the sections get as much room as still leaves the
 * sources of the lines they keep room to fit (at least SECTIONS_FLOOR, when the summary's and
 * fields' sources alone leave less; those then say how many sources were left out).
 */
function fitBody(
  reply: OkReply,
  shownIds: readonly number[],
  showQuotes: boolean,
  room: { description: number; total: number },
): { sections: string; sources: string } {
  const sections = reply.answer.sections.map(sectionPart);
  const texts = new Map(reply.citations.map((c) => [c.id, sourceText(c, showQuotes)]));
  const plan = (sectionsRoom: number) => {
    const fitted = fitSections(sections, Math.max(0, sectionsRoom));
    const cited = citationsFor(reply.citations, [...shownIds, ...fitted.ids]);
    const sources = sourceEntries(cited, texts, showQuotes);
    const length = entriesLength(sources);
    const fits = length <= LIMITS.description && fitted.text.length + length <= room.total;
    return { sections: fitted.text, sources, fits };
  };
  const best = widest(plan, Math.min(SECTIONS_FLOOR, room.description), room.description);
  const sourcesRoom = Math.min(LIMITS.description, room.total - best.sections.length);
  const sources = fitEntries(best.sources, { max: sourcesRoom, chunks: 1 }, MARKUP);
  return { sections: best.sections, sources: sources.join("") };
}

function footer(reply: Reply, marker?: string): { text: string } {
  // Footers show no markdown, so this text is not escaped; it holds no user text.
  const text = `Factdesk · ${reply.corpusLabel}`;
  return { text: marker ? `${text}${MARKER_SEPARATOR}${marker}` : text };
}

/** What sets a slot marker off at the end of a footer. */
export const MARKER_SEPARATOR = " · ";

/** Whether a message (as Discord returns it) closes a footer with `marker`. */
export function carriesMarker(embeds: readonly APIEmbed[], marker: string): boolean {
  return embeds.some((e) => e.footer?.text.endsWith(`${MARKER_SEPARATOR}${marker}`) === true);
}

function buttons(
  reply: OkReply,
  ask: string,
  showQuotes: boolean,
  seq: number | null,
): APIButtonComponent[] {
  const out: APIButtonComponent[] = [];
  const more = reply.more && moreButtonId(reply.more.command, seq);
  if (more) {
    out.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: reply.more?.label ?? "More",
      custom_id: more,
    });
  }
  const quotes = quotesButtonId(ask, seq);
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
    custom_id: shareButtonId(ask, seq, showQuotes),
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
  const seq = options.seq ?? null;
  const tooLongForButton = options.ask !== undefined && quotesButtonId(options.ask, seq) === null;
  const showQuotes = options.showQuotes === true || tooLongForButton;
  const title = inline(answer.title, LIMITS.title);
  const foot = footer(reply, options.marker);
  // The summary's citation numbers follow it, as any line's do, so its sources are not orphans.
  const summaryCited = answer.summary
    ? citeTail(answer.summaryCites, citeEach, SUMMARY_MAX / 2)
    : { tail: "", ids: [] };
  const summary = answer.summary
    ? `${inline(answer.summary, SUMMARY_MAX - summaryCited.tail.length)}${summaryCited.tail}`
    : "";
  const sourcesTitle = reply.citations.length > 0 ? "Sources" : "";
  // The 6000 characters are shared in priority order, each part taking at most its cap of what
  // the parts before it left: one long part can never push out the title, figures or sources.
  const unfixed =
    LIMITS.embedTotal - title.length - foot.text.length - summary.length - sourcesTitle.length;
  const suggestions = suggestionsField(reply, "Try next", Math.min(SUGGESTIONS_MAX, unfixed));
  const forFields = unfixed - fieldsLength(suggestions);
  const fitted = fitFields(
    answer,
    LIMITS.fields - suggestions.length,
    Math.min(FIELDS_MAX, forFields),
  );
  const forBody = forFields - fieldsLength(fitted.fields);
  const gap = summary ? 2 : 0;
  const { sections, sources } = fitBody(reply, [...summaryCited.ids, ...fitted.ids], showQuotes, {
    description: Math.min(LIMITS.description - summary.length, forBody) - gap,
    total: forBody - gap,
  });
  const fields = [...fitted.fields, ...suggestions];
  const description = [summary, sections].filter((t) => t !== "").join("\n\n");

  const main: APIEmbed = {
    title,
    color: answer.disputed ? COLOR.disputed : COLOR.answer,
    ...(description ? { description } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
  const embeds: APIEmbed[] = sources
    ? [main, { title: sourcesTitle, description: sources, color: main.color, footer: foot }]
    : [{ ...main, footer: foot }];
  const row =
    options.ask !== undefined && options.sharedBy === undefined
      ? buttons(reply, options.ask, showQuotes, seq)
      : [];
  return {
    ...(options.sharedBy !== undefined ? { content: sharedByLine(options.sharedBy) } : {}),
    embeds,
    components: row.length > 0 ? [{ type: ComponentType.ActionRow, components: row }] : [],
    allowed_mentions: NO_MENTIONS,
  };
}

function renderError(reply: ErrorReply, marker?: string): DiscordMessage {
  const title = ERROR_TITLES[reply.error.code];
  const description = inline(reply.error.message, LIMITS.description / 2);
  const usage = reply.error.usage
    ? [{ name: "Usage", value: `/factdesk ${inline(reply.error.usage, LIMITS.fieldValue - 10)}` }]
    : [];
  // An error's parts are short and capped, far within the total: no part can crowd out another.
  const fields = [...usage, ...suggestionsField(reply, "Did you mean", SUGGESTIONS_MAX)];
  return {
    embeds: [
      {
        title,
        description,
        color: COLOR.error,
        ...(fields.length > 0 ? { fields } : {}),
        footer: footer(reply, marker),
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
  return reply.ok ? renderAnswer(reply, options) : renderError(reply, options.marker);
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
