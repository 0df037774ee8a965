import type { AnswerBody, ReplyCitation } from "../core/reply/schema.ts";

// What a reply shows within a platform's limits, and which sources that cites: the fitting every
// renderer shares. Renderers write each line in their own markup; these functions decide what
// fits and count what is left out. Pure: every budget is an argument the renderer computes from
// its limits before fitting, so a part's result never depends on what was fitted before it.

/** A line whose tail (citation numbers, a disputed mark) is never clipped, and the ids it cites. */
export interface Line {
  body: string;
  tail: string;
  ids: readonly number[];
}

/** How a platform writes what the layout adds to its text. */
export interface Markup {
  /** Shortens the platform's text to at most `max`, ending in "…", with its markup balanced. */
  clip(text: string, max: number): string;
  /** A note such as "…and 3 more" in the platform's style. */
  note(text: string): string;
}

/** A first line shorter than this once clipped is left out rather than shown as a stub. */
const MIN_CLIPPED_LINE = 40;

export const textLine = (text: string): Line => ({ body: text, tail: "", ids: [] });
export const lineText = (line: Line): string => line.body + line.tail;

/** Citation numbers as " [1][4]"; nothing for none. */
export const citeEach = (ids: readonly number[]): string =>
  ids.length > 0 ? ` ${ids.map((id) => `[${id}]`).join("")}` : "";

/** Citation numbers as " [1, 4]"; nothing for none. */
export const citeList = (ids: readonly number[]): string =>
  ids.length > 0 ? ` [${ids.join(", ")}]` : "";

/** "…and 3 more", or with a noun "…and 1 more source", "…and 3 more sources". */
export function moreText(count: number, noun?: string): string {
  const what = noun ? ` ${noun}${count === 1 ? "" : "s"}` : "";
  return `…and ${count} more${what}`;
}

/**
 * The citation numbers (in `format`, then `mark`) that follow a text, within `max` characters:
 * all of them in any real answer, the first few when there are absurdly many.
 */
export function citeTail(
  cites: readonly number[],
  format: (ids: readonly number[]) => string,
  max: number,
  mark = "",
): { tail: string; ids: number[] } {
  let n = cites.length;
  while (n > 0 && format(cites.slice(0, n)).length + mark.length > max) n--;
  const ids = cites.slice(0, n);
  return { tail: `${format(ids)}${mark}`, ids };
}

/** The line within `max`: only its body is shortened, so it keeps the numbers of its sources. */
export function fitLine(line: Line, max: number, markup: Markup): string {
  const text = lineText(line);
  return text.length <= max
    ? text
    : `${markup.clip(line.body, max - line.tail.length)}${line.tail}`;
}

/** Lines fitted into a room: the text, how many of the lines it shows, and the ids those cite. */
export interface FittedLines {
  text: string;
  kept: number;
  ids: number[];
}

/**
 * As many whole lines as fit in `room`, one per line, then "…and N more" for the rest (counting
 * `omitted`, which the core already left out). A first line too long on its own is clipped,
 * keeping its tail.
 */
export function fitLines(
  lines: readonly Line[],
  room: number,
  markup: Markup,
  omitted = 0,
): FittedLines {
  const note = (n: number) => markup.note(moreText(n));
  const out: string[] = [];
  const ids: number[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1 + omitted;
    const reserve = rest > 0 ? note(rest).length + 1 : 0;
    const sep = out.length > 0 ? 1 : 0;
    const text = lineText(line);
    const fits = used + sep + text.length + reserve <= room;
    const clipped =
      !fits && out.length === 0 && room - reserve - line.tail.length >= MIN_CLIPPED_LINE;
    if (!fits && !clipped) break;
    const shown = fits ? text : fitLine(line, room - reserve, markup);
    out.push(shown);
    ids.push(...line.ids);
    used += sep + shown.length;
    if (clipped) break;
  }
  const kept = out.length;
  const left = lines.length - kept + omitted;
  if (left > 0 && used + (kept > 0 ? 1 : 0) + note(left).length <= room) out.push(note(left));
  return { text: out.join("\n"), kept, ids };
}

/** A part of a message (a field, a section, a block) built for a room: its size, what it cites. */
export interface Part {
  size: number;
  ids: readonly number[];
}

export interface PartsBudget {
  /** Parts shown at most, the note counting the rest included. */
  count: number;
  /** Room for the parts, the gaps between them and the note. */
  room: number;
  /** Room between two parts. */
  gap: number;
  /** Room the note takes that says `left` parts were left out. */
  noteSize(left: number): number;
}

/** The parts shown, how many were left out, whether the note saying so fits, and the ids cited. */
export interface FittedParts<P extends Part> {
  shown: P[];
  more: number;
  note: boolean;
  ids: number[];
}

/**
 * Parts in order while they fit the budget, keeping a slot and room for the note on what is
 * left out. `build(room)` makes a part for the room it may take, or null when nothing fits.
 */
export function fitParts<P extends Part>(
  build: readonly ((room: number) => P | null)[],
  budget: PartsBudget,
): FittedParts<P> {
  const shown: P[] = [];
  let left = budget.room;
  const sep = () => (shown.length > 0 ? budget.gap : 0);
  for (const [i, make] of build.entries()) {
    const rest = build.length - i - 1;
    const reserve = rest > 0 ? budget.noteSize(rest) + budget.gap : 0;
    if (shown.length >= budget.count - (rest > 0 ? 1 : 0)) break;
    const part = make(left - sep() - reserve);
    if (part === null || sep() + part.size + reserve > left) break;
    left -= sep() + part.size;
    shown.push(part);
  }
  const more = build.length - shown.length;
  const note = more > 0 && sep() + budget.noteSize(more) <= left;
  return { shown, more, note, ids: shown.flatMap((p) => [...p.ids]) };
}

/** A source to list and how many citations it stands for (one article cited twice is two). */
export interface Entry {
  text: string;
  count: number;
}

/**
 * Entries in order, in at most `chunks` texts of at most `max` each, the first starting with
 * `lead`; when they do not all fit, the last text ends with "…and N more sources", counting the
 * citations left out.
 */
export function fitEntries(
  entries: readonly Entry[],
  budget: { max: number; chunks: number; lead?: string },
  markup: Markup,
): string[] {
  const note = (n: number) => markup.note(moreText(n, "source"));
  const join = (chunk: string, line: string) => (chunk ? `${chunk}\n${line}` : line);
  const total = entries.reduce((n, e) => n + e.count, 0);
  const chunks = [budget.lead ?? ""];
  let shown = 0;
  for (const entry of entries) {
    const rest = total - shown - entry.count;
    const reserve = (at: number) =>
      at === budget.chunks - 1 && rest > 0 ? note(rest).length + 1 : 0;
    let at = chunks.length - 1;
    if (join(chunks[at] ?? "", entry.text).length + reserve(at) > budget.max) {
      if (chunks.length >= budget.chunks) break;
      chunks.push("");
      at++;
      if (entry.text.length + reserve(at) > budget.max) break;
    }
    chunks[at] = join(chunks[at] ?? "", entry.text);
    shown += entry.count;
  }
  const left = total - shown;
  const last = chunks.length - 1;
  const noted = join(chunks[last] ?? "", note(left));
  if (left > 0 && noted.length <= budget.max) chunks[last] = noted;
  return chunks.filter((c) => c !== "");
}

/** The length of every entry shown, one per line. */
export const entriesLength = (entries: readonly Entry[]) =>
  entries.reduce((n, e, i) => n + (i > 0 ? 1 : 0) + e.text.length, 0);

/**
 * The plan for the most room up to `most` that fits, else the plan for `floor` (fitting or not),
 * e.g. the most room a body can take that still leaves its sources room. `plan` must only grow
 * with its room (keeping more lines only ever cites more sources), so halving finds it.
 */
export function widest<P extends { fits: boolean }>(
  plan: (room: number) => P,
  floor: number,
  most: number,
): P {
  const whole = plan(most);
  if (whole.fits) return whole;
  let low = floor;
  let found = plan(low);
  if (!found.fits) return found;
  let high = most;
  while (high - low > 8) {
    const mid = Math.floor((low + high) / 2);
    const p = plan(mid);
    if (p.fits) {
      low = mid;
      found = p;
    } else {
      high = mid;
    }
  }
  return found;
}

/** Every citation id an answer refers to, as the core gave it (nothing left out). */
export function citedIds(answer: AnswerBody): number[] {
  return [
    ...answer.summaryCites,
    ...answer.fields.flatMap((f) => f.cites),
    ...answer.figures.flatMap((f) => f.values.map((v) => v.cite)),
    ...answer.sections.flatMap((s) => s.items.flatMap((i) => i.cites)),
  ];
}

/** The sources of exactly what is shown: the citations `ids` number, each once, in id order. */
export function citationsFor(
  citations: readonly ReplyCitation[],
  ids: Iterable<number>,
): ReplyCitation[] {
  const shown = new Set(ids);
  return citations.filter((c) => shown.has(c.id)).sort((a, b) => a.id - b.id);
}

// Shared with the core, which counts the note's line when it fits a short answer to one screen.
export { figureNote } from "../core/reply/figure-note.ts";
