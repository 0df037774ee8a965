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
import { SLACK_LIMITS as LIMIT } from "./limits.ts";
import {
  bold,
  chunkLines,
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
const cites = (ids: readonly number[]) => (ids.length > 0 ? ` [${ids.join(", ")}]` : "");
const disputedMark = (disputed: boolean) => (disputed ? ` ${DISPUTED}` : "");

function fieldBlocks(fields: readonly Field[]): types.SectionBlock[] {
  const blocks: types.SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += LIMIT.sectionFields) {
    blocks.push({
      type: "section",
      fields: fields.slice(i, i + LIMIT.sectionFields).map((f) => {
        const value = `${escapeMrkdwn(f.value)}${cites(f.cites)}${disputedMark(f.disputed)}`;
        return mrkdwn(clipMrkdwn(`${bold(f.label)}\n${value}`, LIMIT.fieldText));
      }),
    });
  }
  return blocks;
}

function figureBlock(figure: FigureOut): types.SectionBlock {
  const unit = figure.unit ? ` (${escapeMrkdwn(figure.unit)})` : "";
  const heading = `${bold(figure.measure)}${unit}${disputedMark(figure.disputed)}`;
  const lines = [heading];
  if (figure.disputed && figure.spanLabel) {
    lines.push(`Sources state values from ${escapeMrkdwn(figure.spanLabel)}:`);
  }
  for (const v of figure.values) {
    const credit = v.attributedTo ? ` (${escapeMrkdwn(v.attributedTo)})` : "";
    const asOf = v.asOf ? `, as of ${escapeMrkdwn(v.asOf)}` : "";
    const line = `• ${bold(v.text)}: ${escapeMrkdwn(v.outlet)}${credit}${asOf}${cites([v.cite])}`;
    lines.push(clipMrkdwn(line, LINE_MAX));
  }
  return section(packLines(lines, LIMIT.sectionText));
}

function itemLine(item: Item): string {
  const text = `• ${highlightMrkdwn(item.text, item.highlights)}`;
  return clipMrkdwn(`${text}${cites(item.cites)}${disputedMark(item.disputed)}`, LINE_MAX);
}

function sectionBlock(s: Section): types.SectionBlock {
  const heading = clipMrkdwn(bold(s.heading), LINE_MAX);
  const items = s.items.map(itemLine);
  const body =
    items.length + s.omitted > 0
      ? packLines(items, LIMIT.sectionText - heading.length - 1, s.omitted)
      : "_none_";
  return section(heading ? `${heading}\n${body}` : body);
}

function citationLine(c: ReplyCitation): string {
  return `[${c.id}] ${escapeMrkdwn(c.outlet)}, ${escapeMrkdwn(c.published.label)}`;
}

function quotedCitation(c: ReplyCitation): string {
  const source = `${bold(`[${c.id}] ${c.outlet}`)}, ${escapeMrkdwn(c.published.label)}: ${italic(c.title)}`;
  // The quote is one escaped line, so our ">" is the only thing that can start a quote.
  return clipMrkdwn(`${source}\n>“${escapeMrkdwn(c.quote)}”`, LINE_MAX);
}

function sourceBlocks(citations: readonly ReplyCitation[], showQuotes: boolean): SlackBlock[] {
  if (citations.length === 0) return [];
  if (!showQuotes) {
    const chunks = chunkLines(
      citations.map(citationLine),
      LIMIT.contextText,
      LIMIT.contextElements,
    );
    return [{ type: "context", elements: chunks.map(mrkdwn) }];
  }
  const entries = ["*Sources*", ...citations.map(quotedCitation)];
  return chunkLines(entries, LIMIT.sectionText, SOURCE_BLOCKS_MAX).map(section);
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

/** Header first, buttons last; when the body does not fit in 50 blocks its tail becomes a note. */
function assemble(head: SlackBlock[], body: SlackBlock[], tail: SlackBlock[]): SlackBlock[] {
  const room = LIMIT.blocks - head.length - tail.length;
  if (body.length <= room) return [...head, ...body, ...tail];
  const kept = body.slice(0, room - 1);
  return [...head, ...kept, context(moreNote(body.length - kept.length)), ...tail];
}

function renderAnswer(reply: OkReply, options: SlackRenderOptions): SlackMessage {
  const { answer } = reply;
  const title = answer.title.trim() || "Factdesk";
  const head: SlackBlock[] = [{ type: "header", text: plain(title, LIMIT.headerText) }];
  if (answer.disputed) {
    head.push(context(":warning: *Disputed:* sources give different figures; each is shown."));
  }
  if (answer.summary) {
    head.push(section(`${escapeMrkdwn(answer.summary)}${cites(answer.summaryCites)}`));
  }
  const body: SlackBlock[] = [
    ...fieldBlocks(answer.fields),
    ...answer.figures.map(figureBlock),
    ...answer.sections.map(sectionBlock),
  ];
  const tail: SlackBlock[] = [
    ...sourceBlocks(reply.citations, options.showQuotes === true),
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
    blocks: assemble(head, body, tail),
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
export function renderReply(reply: Reply, options: SlackRenderOptions = {}): SlackMessage {
  return reply.ok ? renderAnswer(reply, options) : renderError(reply, options);
}
