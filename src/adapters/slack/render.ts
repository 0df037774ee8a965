import type { types } from "@slack/bolt";
import type {
  ErrorReply,
  Field,
  FigureOut,
  Item,
  OkReply,
  Reply,
  ReplyCitation,
  Section,
} from "../../core/answer/schema.ts";
import type { RenderOptions } from "../adapter.ts";
import { ACTION, type ButtonValue, encodeButtonValue } from "./buttons.ts";
import { LIMITS as LIMIT } from "./limits.ts";
import {
  bold,
  clipMrkdwn,
  clipPlain,
  escapeMrkdwn,
  escapePlain,
  highlightMrkdwn,
  italic,
  moreNote,
  packLines,
} from "./mrkdwn.ts";

/** The blocks Factdesk uses; a narrow union keeps the limit checks exhaustive. */
export type SlackBlock =
  | types.HeaderBlock
  | types.SectionBlock
  | types.ContextBlock
  | types.ActionsBlock;

/** A message ready for chat.postMessage or a response_url: blocks plus the notification text. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export interface SlackRenderOptions extends RenderOptions {
  /**
   * Adds buttons that answer `text` (the command text as typed) again: Show/Hide quotes, the
   * suggestions, and Share in channel when `share` (never on errors, which stay ephemeral).
   */
  actions?: { text: string; share: boolean };
}

/** One list line never takes a whole block, so later lines still get shown. */
const LINE_MAX = 1000;
/** Blocks given to the sources at most; the body gets what remains. */
const SOURCE_BLOCKS_MAX = 8;
const SUGGESTION_BUTTONS_MAX = 5;
const FALLBACK_TEXT_MAX = 300;
const DISPUTED = ":warning: *disputed*";

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: "mrkdwn", text });
const plain = (text: string, max: number): types.PlainTextElement => ({
  type: "plain_text",
  text: clipPlain(escapePlain(text), max),
});
const section = (text: string): types.SectionBlock => ({
  type: "section",
  text: mrkdwn(clipMrkdwn(text, LIMIT.sectionText)),
});
const context = (text: string): types.ContextBlock => ({
  type: "context",
  elements: [mrkdwn(clipMrkdwn(text, LIMIT.contextText))],
});
const disputedMark = (disputed: boolean) => (disputed ? ` ${DISPUTED}` : "");

/** Citation numbers as shown after a text: " [1, 4]"; nothing for none. */
function citeText(ids: readonly number[]): string {
  return ids.length > 0 ? ` [${ids.join(", ")}]` : "";
}

/**
 * The citation numbers that follow a text, at most `max` characters of them: all of them in any
 * real answer, the first few when there are absurdly many. `ids` are the numbers shown.
 */
function citesWithin(ids: readonly number[], max: number): { text: string; ids: number[] } {
  let n = ids.length;
  while (n > 0 && citeText(ids.slice(0, n)).length > max) n--;
  const shown = ids.slice(0, n);
  return { text: citeText(shown), ids: shown };
}

/**
 * A line of escaped text followed by its citation numbers (and disputed mark): only the text is
 * ever shortened, so a long line keeps the numbers that point at its sources.
 */
function citedLine(
  text: string,
  ids: readonly number[],
  max: number,
  disputed = false,
): { line: string; ids: number[] } {
  const mark = disputedMark(disputed);
  const cited = citesWithin(ids, Math.floor(max / 2) - mark.length);
  const tail = `${cited.text}${mark}`;
  return { line: `${clipMrkdwn(text, max - tail.length)}${tail}`, ids: cited.ids };
}

/** A body block with the citation numbers it shows, in order. */
interface Cited<T> {
  block: T;
  ids: number[];
}

/**
 * packLines, and how many of `lines` it kept. Each line is one line of text (escaped text has no
 * line breaks), so the kept lines are the packed text's lines, less the closing note if any.
 */
function packCounted(
  lines: readonly string[],
  max: number,
  omitted = 0,
): { text: string; kept: number } {
  const text = packLines(lines, max, omitted);
  const parts = text === "" ? [] : text.split("\n");
  const noted =
    parts.length > 0 && parts.at(-1) === moreNote(lines.length + omitted - (parts.length - 1));
  return { text, kept: Math.min(lines.length, parts.length - (noted ? 1 : 0)) };
}

function fieldBlocks(fields: readonly Field[]): Cited<types.SectionBlock>[] {
  const blocks: Cited<types.SectionBlock>[] = [];
  for (let i = 0; i < fields.length; i += LIMIT.sectionFields) {
    const ids: number[] = [];
    const texts = fields.slice(i, i + LIMIT.sectionFields).map((f) => {
      const text = `${bold(f.label)}\n${escapeMrkdwn(f.value)}`;
      const cited = citedLine(text, f.cites, LIMIT.fieldText, f.disputed);
      ids.push(...cited.ids);
      return mrkdwn(cited.line);
    });
    blocks.push({ block: { type: "section", fields: texts }, ids });
  }
  return blocks;
}

function figureBlock(figure: FigureOut): Cited<types.SectionBlock> {
  const unit = figure.unit ? ` (${escapeMrkdwn(figure.unit)})` : "";
  const heading = `${bold(figure.measure)}${unit}${disputedMark(figure.disputed)}`;
  const lines = [heading];
  if (figure.disputed && figure.spanLabel) {
    lines.push(`Sources state values from ${escapeMrkdwn(figure.spanLabel)}:`);
  }
  const leading = lines.length;
  const values = figure.values.map((v) => {
    const credit = v.attributedTo ? ` (${escapeMrkdwn(v.attributedTo)})` : "";
    const asOf = v.asOf ? `, as of ${escapeMrkdwn(v.asOf)}` : "";
    return citedLine(
      `• ${bold(v.text)}: ${escapeMrkdwn(v.outlet)}${credit}${asOf}`,
      [v.cite],
      LINE_MAX,
    );
  });
  const packed = packCounted([...lines, ...values.map((v) => v.line)], LIMIT.sectionText);
  const ids = values.slice(0, Math.max(0, packed.kept - leading)).flatMap((v) => v.ids);
  return { block: section(packed.text), ids };
}

function itemLine(item: Item): { line: string; ids: number[] } {
  const text = `• ${highlightMrkdwn(item.text, item.highlights)}`;
  return citedLine(text, item.cites, LINE_MAX, item.disputed);
}

function sectionBlock(s: Section): Cited<types.SectionBlock> {
  const heading = clipMrkdwn(bold(s.heading), LINE_MAX);
  const items = s.items.map(itemLine);
  if (items.length + s.omitted === 0) {
    return { block: section(heading ? `${heading}\n_none_` : "_none_"), ids: [] };
  }
  const max = LIMIT.sectionText - heading.length - 1;
  const body = packCounted(
    items.map((i) => i.line),
    max,
    s.omitted,
  );
  const ids = items.slice(0, body.kept).flatMap((i) => i.ids);
  return { block: section(heading ? `${heading}\n${body.text}` : body.text), ids };
}

function citationLine(c: ReplyCitation): string {
  return clipMrkdwn(
    `[${c.id}] ${escapeMrkdwn(c.outlet)}, ${escapeMrkdwn(c.published.label)}`,
    LINE_MAX,
  );
}

function quotedCitation(c: ReplyCitation): string {
  const source = `${bold(`[${c.id}] ${c.outlet}`)}, ${escapeMrkdwn(c.published.label)}: ${italic(c.title)}`;
  // The quote is one escaped line, so our ">" is the only thing that can start a quote.
  return clipMrkdwn(`${source}\n>“${escapeMrkdwn(c.quote)}”`, LINE_MAX);
}

function moreSources(count: number): string {
  return `_…and ${count} more ${count === 1 ? "source" : "sources"}_`;
}

/**
 * Source entries (each at most LINE_MAX) in order, in at most `maxChunks` texts of at most `max`,
 * the first starting with `lead` (a heading); when they do not all fit, the last text ends with
 * "…and N more sources", counting the entries left out.
 */
function chunkSources(
  entries: readonly string[],
  max: number,
  maxChunks: number,
  lead = "",
): string[] {
  const chunks = [lead];
  const join = (chunk: string, line: string) => (chunk ? `${chunk}\n${line}` : line);
  let shown = 0;
  for (const entry of entries) {
    const rest = entries.length - shown - 1;
    const reserve = (at: number) =>
      at === maxChunks - 1 && rest > 0 ? moreSources(rest).length + 1 : 0;
    let at = chunks.length - 1;
    if (join(chunks[at] ?? "", entry).length + reserve(at) > max) {
      if (chunks.length >= maxChunks) break;
      chunks.push("");
      at++;
      if (entry.length + reserve(at) > max) break;
    }
    chunks[at] = join(chunks[at] ?? "", entry);
    shown++;
  }
  const left = entries.length - shown;
  const last = chunks.length - 1;
  const noted = join(chunks[last] ?? "", moreSources(left));
  if (left > 0 && noted.length <= max) chunks[last] = noted;
  return chunks.filter((c) => c !== "");
}

/**
 * The sources of the citation numbers `ids` (those the message shows, in order of first
 * reference): outlet and date, or with quotes shown each with its verbatim quote. When they do
 * not all fit, the first referenced are kept and the rest counted as "…and N more sources".
 */
function sourceBlocks(
  ids: readonly number[],
  byId: ReadonlyMap<number, ReplyCitation>,
  showQuotes: boolean,
): SlackBlock[] {
  const citations = ids.flatMap((id) => byId.get(id) ?? []);
  if (citations.length === 0) return [];
  if (!showQuotes) {
    const chunks = chunkSources(
      citations.map(citationLine),
      LIMIT.contextText,
      LIMIT.contextElements,
    );
    return [{ type: "context", elements: chunks.map(mrkdwn) }];
  }
  const entries = citations.map(quotedCitation);
  return chunkSources(entries, LIMIT.sectionText, SOURCE_BLOCKS_MAX, "*Sources*").map(section);
}

/** Each cited id once, in order of first reference, leaving out ids no citation has. */
function firstReferences(
  byId: ReadonlyMap<number, ReplyCitation>,
  lists: readonly (readonly number[])[],
): number[] {
  const seen = new Set<number>();
  for (const list of lists) for (const id of list) if (byId.has(id)) seen.add(id);
  return [...seen];
}

function button(
  actionId: string,
  label: string,
  value: ButtonValue,
  style?: "primary",
): types.Button | null {
  const encoded = encodeButtonValue(value);
  if (encoded === null) return null;
  return {
    type: "button",
    action_id: actionId,
    text: plain(label, LIMIT.buttonText),
    value: encoded,
    ...(style ? { style } : {}),
  };
}

function actionsBlock(reply: Reply, options: SlackRenderOptions): types.ActionsBlock[] {
  const { actions } = options;
  if (!actions) return [];
  const quotes = options.showQuotes === true;
  const buttons = [
    reply.ok && reply.citations.length > 0
      ? button(ACTION.quotes, quotes ? "Hide quotes" : "Show quotes", {
          text: actions.text,
          quotes: !quotes,
        })
      : null,
    reply.ok && actions.share
      ? button(ACTION.share, "Share in channel", { text: actions.text, quotes }, "primary")
      : null,
    ...reply.suggestions
      .slice(0, SUGGESTION_BUTTONS_MAX)
      .map((s, i) => button(ACTION.suggest(i), s.label, { text: s.command, quotes: false })),
  ].filter((b): b is types.Button => b !== null);
  return buttons.length > 0 ? [{ type: "actions", elements: buttons }] : [];
}

/** Suggestions as text, for messages without buttons. */
function suggestionText(reply: Reply, lead: string): SlackBlock[] {
  if (reply.suggestions.length === 0) return [];
  const list = reply.suggestions.map((s) => escapeMrkdwn(s.command)).join(" · ");
  return [context(`${lead} ${list}`)];
}

/**
 * Header first, then the body, the sources of what the body keeps, and `after` (suggestions,
 * corpus, buttons). When it all does not fit in 50 blocks the body's tail becomes a note, and
 * the sources are those of the blocks kept.
 */
function assemble(
  head: SlackBlock[],
  headIds: readonly number[],
  body: readonly Cited<SlackBlock>[],
  after: SlackBlock[],
  sources: (ids: readonly (readonly number[])[]) => SlackBlock[],
): SlackBlock[] {
  for (let k = body.length; ; k--) {
    const kept = body.slice(0, k);
    const sourced = sources([headIds, ...kept.map((b) => b.ids)]);
    const note = k < body.length ? [context(moreNote(body.length - k))] : [];
    const size = head.length + k + note.length + sourced.length + after.length;
    if (size <= LIMIT.blocks || k === 0) {
      return [...head, ...kept.map((b) => b.block), ...note, ...sourced, ...after];
    }
  }
}

function renderAnswer(reply: OkReply, options: SlackRenderOptions): SlackMessage {
  const { answer } = reply;
  const title = answer.title.trim() || "Factdesk";
  const head: SlackBlock[] = [{ type: "header", text: plain(title, LIMIT.headerText) }];
  if (answer.disputed) {
    head.push(context(":warning: *Disputed:* sources give different figures; each is shown."));
  }
  let headIds: number[] = [];
  if (answer.summary) {
    const summary = citedLine(escapeMrkdwn(answer.summary), answer.summaryCites, LIMIT.sectionText);
    head.push(section(summary.line));
    headIds = summary.ids;
  }
  const body: Cited<SlackBlock>[] = [
    ...fieldBlocks(answer.fields),
    ...answer.figures.map(figureBlock),
    ...answer.sections.map(sectionBlock),
  ];
  const byId = new Map(reply.citations.map((c) => [c.id, c]));
  const sources = (ids: readonly (readonly number[])[]) =>
    sourceBlocks(firstReferences(byId, ids), byId, options.showQuotes === true);
  const after: SlackBlock[] = [
    ...(options.actions ? [] : suggestionText(reply, "See also:")),
    context(
      `${options.sharedBy ? `Shared by ${escapeMrkdwn(options.sharedBy)} · ` : ""}corpus ${escapeMrkdwn(reply.corpusVersion)}`,
    ),
    ...actionsBlock(reply, options),
  ];
  const summary = answer.summary ? `: ${answer.summary}` : "";
  const lead = options.sharedBy ? `${options.sharedBy} shared: ` : "";
  const fallback = `${lead}${title}${answer.disputed ? " (disputed)" : ""}${summary}`;
  return {
    text: clipMrkdwn(escapeMrkdwn(fallback), FALLBACK_TEXT_MAX),
    blocks: assemble(head, headIds, body, after, sources),
  };
}

function renderError(reply: ErrorReply, options: SlackRenderOptions): SlackMessage {
  const { error } = reply;
  const blocks: SlackBlock[] = [section(`:warning: ${escapeMrkdwn(error.message)}`)];
  if (error.usage) blocks.push(context(`Usage: ${escapeMrkdwn(error.usage)}`));
  if (options.actions && reply.suggestions.length > 0) blocks.push(context("Did you mean:"));
  blocks.push(...(options.actions ? [] : suggestionText(reply, "Did you mean:")));
  blocks.push(...actionsBlock(reply, options));
  return { text: clipMrkdwn(escapeMrkdwn(error.message), FALLBACK_TEXT_MAX), blocks };
}

/**
 * Renders a reply as Block Kit within Slack's limits. Pure: the same reply and options give the
 * same message. Every piece of user and corpus text is escaped; nothing can mention anyone.
 */
export function render(reply: Reply, options: SlackRenderOptions = {}): SlackMessage {
  return reply.ok ? renderAnswer(reply, options) : renderError(reply, options);
}
