import type { FigureOut, Item, Reply, ReplyCitation } from "../../core/answer/schema.ts";
import type { RenderOptions } from "../adapter.ts";
import { citationsFor, citedIds, moreText, citeEach as refs } from "../layout.ts";

export interface TextStyle {
  /** Wraps emphasised text (search hits, "DISPUTED"); identity for plain output. */
  strong(text: string): string;
}

export const PLAIN: TextStyle = { strong: (t) => `*${t}*` };
export const ANSI: TextStyle = { strong: (t) => `\u001b[1m${t}\u001b[22m` };

function highlighted(item: Item, style: TextStyle): string {
  let out = "";
  let at = 0;
  for (const [start, end] of item.highlights) {
    out += item.text.slice(at, start) + style.strong(item.text.slice(start, end));
    at = end;
  }
  return out + item.text.slice(at);
}

function figureLines(f: FigureOut, style: TextStyle): string[] {
  const head = `${f.measure} (${f.unit})${f.disputed ? ` ${style.strong("DISPUTED")}: sources disagree` : ""}`;
  return [
    head,
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
    for (const f of a.figures) lines.push("", ...figureLines(f, style));
    for (const s of a.sections) {
      lines.push("", style.strong(s.heading));
      for (const i of s.items) lines.push(`- ${highlighted(i, style)}${refs(i.cites)}`);
      if (s.omitted > 0) lines.push(moreText(s.omitted));
    }
    // A terminal has no limits: everything is shown, so every source cited is listed.
    const sources = citationsFor(reply.citations, citedIds(a));
    if (sources.length > 0) {
      lines.push("", style.strong("Sources"));
      for (const c of sources) lines.push(citationLine(c, showQuotes));
    }
  }
  if (reply.suggestions.length > 0) {
    lines.push("", `Try: ${reply.suggestions.map((s) => s.command).join(" | ")}`);
  }
  lines.push(`(corpus ${reply.corpusVersion})`);
  return lines.join("\n");
}
