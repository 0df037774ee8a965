// Fitting rendered text to a terminal's width. Widths count what the terminal shows: escape
// sequences (the ANSI style's bold) take no room, nor do combining marks.

const ESC = "\u001b";
const SGR_SOURCE = `${ESC}\\[[0-9;]*m`;
const SGR = new RegExp(SGR_SOURCE, "g");
/** What ends bold (and every other style). */
const SGR_RESET = new RegExp(`^${ESC}\\[(0|22)?m$`);
const RESET = `${ESC}[0m`;
const COMBINING = /\p{M}/u;
const UNIT = new RegExp(`${SGR_SOURCE}|[\\s\\S]\\p{M}*`, "gu");
/** Continuation lines hang under a list marker, a citation number or an opening quote. */
const MARKER = /^( *)(- |\[\d+\] |\d+\. |")?/;
/** A "Label: value" line: its continuation is set in, so it is not read as the next label. */
const LABEL = new RegExp(`^[A-Z][^:${ESC}]{0,23}: `);
const LABEL_HANG = 2;

export function visibleWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(SGR, "")) if (!COMBINING.test(ch)) width++;
  return width;
}

/** Splits text into escape sequences and characters, so neither is ever cut. */
function units(text: string): string[] {
  return text.match(UNIT) ?? [];
}

/** A word longer than the width, in pieces of at most `size` visible characters. */
function pieces(word: string, size: number): string[] {
  const out: string[] = [];
  let piece = "";
  let width = 0;
  for (const unit of units(word)) {
    const w = unit.startsWith(ESC) ? 0 : 1;
    if (width + w > size) {
      out.push(piece);
      piece = "";
      width = 0;
    }
    piece += unit;
    width += w;
  }
  return [...out, piece];
}

function hangOf(line: string, width: number): number {
  const [, lead = "", marker = ""] = MARKER.exec(line) ?? [];
  const hang = lead.length + (marker || !LABEL.test(line) ? marker.length : LABEL_HANG);
  // On a narrow terminal, text gets at least half of every continuation line.
  return Math.min(hang, Math.floor(width / 2));
}

/** A title's underline: cut to the width, not wrapped onto a second line. */
const RULE = /^([=-])\1*$/;

/** One line as lines of at most `width` columns, broken between words. */
function wrapLine(line: string, width: number): string[] {
  if (visibleWidth(line) <= width) return [line];
  if (RULE.test(line)) return [line.slice(0, width)];
  const lead = /^ */.exec(line)?.[0] ?? "";
  const hang = " ".repeat(hangOf(line, width));
  const out: string[] = [];
  let current = lead;
  let used = lead.length;
  let fresh = true;
  for (const word of line.slice(lead.length).split(" ")) {
    const w = visibleWidth(word);
    if (!fresh) {
      if (used + 1 + w <= width) {
        current += ` ${word}`;
        used += 1 + w;
        continue;
      }
      out.push(current);
      current = hang;
      used = hang.length;
    }
    fresh = false;
    if (used + w <= width) {
      current += word;
      used += w;
    } else if (w <= width) {
      // Whole on a line of its own rather than cut, even if that costs the indent.
      current = word;
      used = w;
    } else {
      const parts = pieces(word, width - Math.max(used, hang.length));
      const last = parts.pop() ?? "";
      out.push(current + (parts.shift() ?? ""), ...parts.map((p) => hang + p));
      current = hang + last;
      used = hang.length + visibleWidth(last);
    }
  }
  out.push(current);
  return out.map((l) => l.trimEnd());
}

/**
 * Carries a style open at the end of one line onto the next, so a bold phrase cut by a line
 * break stays bold and nothing after it (the pager's prompt, the next prompt) turns bold.
 */
function carryStyles(lines: string[]): string[] {
  let open = "";
  return lines.map((line, i) => {
    const text = open + line;
    for (const [seq] of line.matchAll(SGR)) open = SGR_RESET.test(seq) ? "" : open + seq;
    return open && i < lines.length - 1 ? text + RESET : text;
  });
}

/** The text with every line fitted to `width` columns, never broken inside a word that fits. */
export function wrap(text: string, width: number): string[] {
  return text.split("\n").flatMap((line) => carryStyles(wrapLine(line, Math.max(1, width))));
}
