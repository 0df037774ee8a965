import type { FigureOut, Item, Reply, ReplyCitation, Section } from "../../core/reply/schema.ts";
import type { RenderOptions } from "../adapter.ts";
import {
  citationsFor,
  citedIds,
  figureNote,
  fitLines,
  fitParts,
  type Markup,
  moreText,
  type Part,
  citeEach as refs,
} from "../layout.ts";
import { LIMITS } from "./limits.ts";

export interface TextStyle {
  /** Wraps emphasised text (search hits, "DISPUTED"); identity for plain output. */
  strong(text: string): string;
}

export const PLAIN: TextStyle = { strong: (t) => `*${t}*` };
export const ANSI: TextStyle = { strong: (t) => `\u001b[1m${t}\u001b[22m` };

/** How a reply's "More" is offered: the command that asks for it, or the shell's `more` word. */
export type MoreHint = (command: string) => string;
const askFor: MoreHint = (command) => `More: ${command}`;

/** The reply's "More" as a hint line, when it left something out. */
function offerLines(reply: Reply, moreHint: MoreHint): string[] {
  return reply.more ? [moreHint(reply.more.command)] : [];
}

function highlighted(item: Item, style: TextStyle): string {
  let out = "";
  let at = 0;
  for (const [start, end] of item.highlights) {
    out += item.text.slice(at, start) + style.strong(item.text.slice(start, end));
    at = end;
  }
  return out + item.text.slice(at);
}

const MARKUP: Markup = {
  clip: (text, max) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`),
  note: (text) => text,
};

interface SectionText extends Part {
  lines: string[];
}

/** A section within the room it is given: its heading, the items that fit, "…and N more". */
function sectionPart(s: Section, style: TextStyle): (room: number) => SectionText | null {
  const heading = style.strong(s.heading);
  const items = s.items.map((i) => ({
    body: `- ${highlighted(i, style)}`,
    tail: refs(i.cites),
    ids: i.cites,
  }));
  return (room) => {
    const body = fitLines(
      items,
      Math.min(LIMITS.section, room - heading.length - 1),
      MARKUP,
      s.omitted,
    );
    if (body.text === "" && items.length + s.omitted > 0) return null;
    const lines = body.text === "" ? [heading] : [heading, body.text];
    return { lines, size: heading.length + 1 + body.text.length, ids: body.ids };
  };
}

function figureLines(f: FigureOut, note: string | null, style: TextStyle): string[] {
  const head = `${f.measure} (${f.unit})${f.disputed ? ` ${style.strong("DISPUTED")}: sources disagree` : ""}`;
  return [
    head,
    ...(note ? [`  ${note}`] : []),
    ...f.values.map((v) => {
      const credit = v.attributedTo ? ` (${v.attributedTo})` : "";
      const asOf = v.asOf ? ` (as of ${v.asOf})` : "";
      return `  - ${v.text}${asOf}: ${v.outlet}${credit}${refs([v.cite])}`;
    }),
  ];
}

function citationLine(c: ReplyCitation, showQuotes: boolean): string {
  const base = `[${c.id}] ${c.outlet}, "${c.title}", ${c.published.label}`;
  return showQuotes ? `${base}\n    "${c.quote}"` : base;
}

/** The reply as plain text for a terminal: the shell adapter's rendering. */
export function render(
  reply: Reply,
  options: RenderOptions = {},
  style: TextStyle = PLAIN,
  moreHint: MoreHint = askFor,
): string {
  const showQuotes = options.showQuotes ?? true;
  const lines: string[] = [];
  if (!reply.ok) {
    lines.push(`${reply.error.message} (${reply.error.code})`);
    if (reply.error.usage) lines.push(`Usage: ${reply.error.usage}`);
  } else {
    const a = reply.answer;
    lines.push(style.strong(a.title), "=".repeat(Math.min(a.title.length, 72)));
    if (a.summary) lines.push(`${a.summary}${refs(a.summaryCites)}`);
    if (a.fields.length > 0) {
      lines.push("");
      for (const f of a.fields) {
        lines.push(
          `${f.label}: ${f.value}${f.disputed ? ` ${style.strong("DISPUTED")}` : ""}${refs(f.cites)}`,
        );
      }
    }
    for (const f of a.figures) lines.push("", ...figureLines(f, figureNote(a, f), style));
    const sections = fitParts(
      a.sections.map((s) => sectionPart(s, style)),
      {
        count: Number.POSITIVE_INFINITY,
        room: LIMITS.sections,
        gap: 2,
        noteSize: (n) => moreText(n, "section").length,
      },
    );
    for (const s of sections.shown) lines.push("", ...s.lines);
    if (sections.note) lines.push("", moreText(sections.more, "section"));
    // All but the sections is shown whole, so it all cites; of the sections, what fitted.
    const shown = [...citedIds({ ...a, sections: [] }), ...sections.ids];
    const sources = citationsFor(reply.citations, shown);
    if (sources.length > 0) {
      lines.push("", style.strong("Sources"));
      for (const c of sources) lines.push(citationLine(c, showQuotes));
    }
  }
  const offers = [
    ...(reply.suggestions.length > 0
      ? [`Try: ${reply.suggestions.map((s) => s.command).join(" | ")}`]
      : []),
    ...offerLines(reply, moreHint),
  ];
  if (offers.length > 0) lines.push("", ...offers);
  lines.push(`(${reply.corpusLabel})`);
  return lines.join("\n");
}
