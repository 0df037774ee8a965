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
} from "../../core/reply/schema.ts";
import type { RenderOptions } from "../adapter.ts";
import {
  citationsFor,
  citeList,
  citeTail,
  figureNote,
  fitEntries,
  fitLines,
  fitParts,
  type Line,
  lineText,
  type Markup,
  moreText,
  type Part,
  textLine,
} from "../layout.ts";
import { ACTION, type ButtonValue, encodeButtonValue } from "./buttons.ts";
import { LIMITS as LIMIT } from "./limits.ts";
import {
  bold,
  clipMrkdwn,
  clipPlain,
  code,
  escapeMrkdwn,
  escapePlain,
  escapeWithCode,
  highlightMrkdwn,
  inertLinks,
  italic,
  linked,
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
   * `seq` is the published version the reply came from, which every button remembers.
   */
  actions?: { text: string; share: boolean; seq?: number | null };
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

const MARKUP: Markup = { clip: clipMrkdwn, note: (text) => `_${text}_` };

/**
 * A text followed by its citation numbers (and disputed mark), within `max`: only the text is
 * ever shortened, so a long line keeps the numbers that point at its sources.
 */
function cited(text: string, cites: readonly number[], max: number, disputed = false): Line {
  const { tail, ids } = citeTail(cites, citeList, Math.floor(max / 2), disputedMark(disputed));
  return { body: clipMrkdwn(text, max - tail.length), tail, ids };
}

/** A body block with the citation numbers it shows; each block is one of Slack's 50. */
interface CitedBlock extends Part {
  block: SlackBlock;
}

const citedBlock = (block: SlackBlock, ids: readonly number[]): CitedBlock => ({
  block,
  ids,
  size: 1,
});

function fieldBlocks(fields: readonly Field[]): CitedBlock[] {
  const blocks: CitedBlock[] = [];
  for (let i = 0; i < fields.length; i += LIMIT.sectionFields) {
    const lines = fields
      .slice(i, i + LIMIT.sectionFields)
      .map((f) =>
        cited(`${bold(f.label)}\n${escapeMrkdwn(f.value)}`, f.cites, LIMIT.fieldText, f.disputed),
      );
    const block: SlackBlock = { type: "section", fields: lines.map((l) => mrkdwn(lineText(l))) };
    const ids = lines.flatMap((l) => l.ids);
    blocks.push(citedBlock(block, ids));
  }
  return blocks;
}

function figureBlock(figure: FigureOut, note: string | null): CitedBlock {
  const unit = figure.unit ? ` (${escapeMrkdwn(figure.unit)})` : "";
  const lines = [textLine(`${bold(figure.measure)}${unit}${disputedMark(figure.disputed)}`)];
  if (note) lines.push(textLine(`_${escapeMrkdwn(note)}_`));
  for (const v of figure.values) {
    const credit = v.attributedTo ? ` (${escapeMrkdwn(v.attributedTo)})` : "";
    const asOf = v.asOf ? `, as of ${escapeMrkdwn(v.asOf)}` : "";
    lines.push(
      cited(`• ${bold(v.text)}: ${escapeMrkdwn(v.outlet)}${credit}${asOf}`, [v.cite], LINE_MAX),
    );
  }
  const fitted = fitLines(lines, LIMIT.sectionText, MARKUP);
  return citedBlock(section(fitted.text), fitted.ids);
}

function itemLine(item: Item): Line {
  return cited(
    `• ${highlightMrkdwn(item.text, item.highlights)}`,
    item.cites,
    LINE_MAX,
    item.disputed,
  );
}

function sectionBlock(s: Section): CitedBlock {
  const heading = clipMrkdwn(bold(s.heading), LINE_MAX);
  if (s.items.length + s.omitted === 0) {
    return citedBlock(section(heading ? `${heading}\n_none_` : "_none_"), []);
  }
  const max = LIMIT.sectionText - heading.length - 1;
  const body = fitLines(s.items.map(itemLine), max, MARKUP, s.omitted);
  return citedBlock(section(heading ? `${heading}\n${body.text}` : body.text), body.ids);
}

function citationLine(c: ReplyCitation): string {
  return clipMrkdwn(
    `[${c.id}] ${linked(escapeMrkdwn(c.outlet), c.url)}, ${escapeMrkdwn(c.published.label)}`,
    LINE_MAX,
  );
}

function quotedCitation(c: ReplyCitation): string {
  const source = `${bold(`[${c.id}] ${c.outlet}`)}, ${escapeMrkdwn(c.published.label)}: ${linked(italic(c.title), c.url)}`;
  // The quote is one escaped line, so our ">" is the only thing that can start a quote.
  return clipMrkdwn(`${source}\n>“${escapeMrkdwn(c.quote)}”`, LINE_MAX);
}

/** Blocks the sources may take: one context of outlets and dates, or sections with quotes. */
const sourceBlocksMax = (showQuotes: boolean) => (showQuotes ? SOURCE_BLOCKS_MAX : 1);

/**
 * The sources of what the message shows: outlet and date, or with quotes shown each with its
 * verbatim quote. When they do not all fit, the rest are counted as "…and N more sources".
 */
function sourceBlocks(citations: readonly ReplyCitation[], showQuotes: boolean): SlackBlock[] {
  if (citations.length === 0) return [];
  const entries = (text: (c: ReplyCitation) => string) =>
    citations.map((c) => ({ text: text(c), count: 1 }));
  if (!showQuotes) {
    const budget = { max: LIMIT.contextText, chunks: LIMIT.contextElements };
    const chunks = fitEntries(entries(citationLine), budget, MARKUP);
    return [{ type: "context", elements: chunks.map(mrkdwn) }];
  }
  const budget = { max: LIMIT.sectionText, chunks: sourceBlocksMax(true), lead: "*Sources*" };
  return fitEntries(entries(quotedCitation), budget, MARKUP).map(section);
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
  const made = actions.seq ? { v: actions.seq } : {};
  const buttons = [
    reply.more
      ? button(ACTION.more, reply.more.label, { text: reply.more.command, quotes, ...made })
      : null,
    reply.ok && reply.citations.length > 0
      ? button(ACTION.quotes, quotes ? "Hide quotes" : "Show quotes", {
          text: actions.text,
          quotes: !quotes,
          ...made,
        })
      : null,
    reply.ok && actions.share
      ? button(ACTION.share, "Share in channel", { text: actions.text, quotes, ...made }, "primary")
      : null,
    ...reply.suggestions
      .slice(0, SUGGESTION_BUTTONS_MAX)
      .map((s, i) =>
        button(ACTION.suggest(i), s.label, { text: s.command, quotes: false, ...made }),
      ),
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
 * Header first, then the body, the sources of what it shows, and `after` (suggestions, corpus,
 * buttons). The body gets the blocks the rest leaves of the 50, the sources' share kept up front;
 * when it does not fit its tail becomes a note.
 */
function assemble(
  reply: OkReply,
  head: { blocks: SlackBlock[]; ids: readonly number[] },
  body: readonly CitedBlock[],
  after: SlackBlock[],
  showQuotes: boolean,
): SlackBlock[] {
  const sourcesRoom = reply.citations.length > 0 ? sourceBlocksMax(showQuotes) : 0;
  const fitted = fitParts(
    body.map((b) => () => b),
    {
      count: Number.POSITIVE_INFINITY,
      room: LIMIT.blocks - head.blocks.length - after.length - sourcesRoom,
      gap: 0,
      noteSize: () => 1,
    },
  );
  const note = fitted.note ? [context(MARKUP.note(moreText(fitted.more)))] : [];
  const sources = sourceBlocks(
    citationsFor(reply.citations, [...head.ids, ...fitted.ids]),
    showQuotes,
  );
  return [...head.blocks, ...fitted.shown.map((b) => b.block), ...note, ...sources, ...after];
}

function renderAnswer(reply: OkReply, options: SlackRenderOptions): SlackMessage {
  const { answer } = reply;
  const title = answer.title.trim() || "Factdesk";
  // The title may echo the query as typed: no link in it, nor in the notification text.
  const head: SlackBlock[] = [{ type: "header", text: plain(inertLinks(title), LIMIT.headerText) }];
  if (answer.disputed) {
    head.push(context(":warning: *Disputed:* sources contradict each other; each value is shown."));
  }
  const summary = answer.summary
    ? cited(escapeMrkdwn(answer.summary), answer.summaryCites, LIMIT.sectionText)
    : null;
  if (summary) head.push(section(lineText(summary)));
  const body = [
    ...fieldBlocks(answer.fields),
    ...answer.figures.map((f) => figureBlock(f, figureNote(answer, f))),
    ...answer.sections.map(sectionBlock),
  ];
  const after: SlackBlock[] = [
    ...(options.actions ? [] : suggestionText(reply, "See also:")),
    context(
      `${options.sharedBy ? `Shared by ${escapeMrkdwn(options.sharedBy)} · ` : ""}${escapeMrkdwn(reply.corpusLabel)}`,
    ),
    ...actionsBlock(reply, options),
  ];
  const lead = options.sharedBy ? `${options.sharedBy} shared: ` : "";
  const fallback = `${lead}${title}${answer.disputed ? " (disputed)" : ""}${answer.summary ? `: ${answer.summary}` : ""}`;
  const showQuotes = options.showQuotes === true;
  return {
    text: clipMrkdwn(escapeMrkdwn(inertLinks(fallback)), FALLBACK_TEXT_MAX),
    blocks: assemble(reply, { blocks: head, ids: summary?.ids ?? [] }, body, after, showQuotes),
  };
}

function renderError(reply: ErrorReply, options: SlackRenderOptions): SlackMessage {
  const { error } = reply;
  // Examples and usage as code spans, so a cron pattern's "*" can be copied as typed.
  const blocks: SlackBlock[] = [section(`:warning: ${escapeWithCode(error.message)}`)];
  if (error.usage) blocks.push(context(`Usage: ${code(error.usage)}`));
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
