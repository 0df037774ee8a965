import { moreOf } from "./build.ts";
import { figureNote } from "./figure-note.ts";
import type { AnswerBody, Field, FigureOut, Item, OkReply, Section } from "./schema.ts";

/**
 * One screen: what a short answer shows at most. Lines are a terminal's, counted as the shell
 * lays an answer out before its sources (title and rule, summary, fields, figures, sections);
 * Slack and Discord show the same parts, so the same cut keeps them short too.
 */
export const SHORT = { lines: 15, citations: 8 } as const;

/** Kinds that are already what was asked for in full: usage, and a digest as it would post. */
const NEVER_SHORT = new Set<AnswerBody["kind"]>(["help", "digest"]);

/** Lines and citations left; a part is taken only when both hold it. */
class Budget {
  lines: number = SHORT.lines;
  readonly cited = new Set<number>();

  take(lines: number, cites: readonly number[], reserve = 0): boolean {
    const fresh = new Set(cites.filter((c) => !this.cited.has(c)));
    if (lines + reserve > this.lines || this.cited.size + fresh.size > SHORT.citations)
      return false;
    this.lines -= lines;
    for (const c of fresh) this.cited.add(c);
    return true;
  }
}

const figureLines = (answer: AnswerBody, f: FigureOut) =>
  // A blank line, the measure, its note, one line per value.
  2 + (figureNote(answer, f) ? 1 : 0) + f.values.length;

function fitSection(s: Section, budget: Budget): Section | null {
  // A blank line and the heading; one line is kept back for "…and N more" while items remain.
  if (!budget.take(2, [], 1)) return null;
  const items: Item[] = [];
  for (const [i, it] of s.items.entries()) {
    const last = i === s.items.length - 1 && s.omitted === 0;
    if (!budget.take(1, it.cites, last ? 0 : 1)) break;
    items.push(it);
  }
  if (items.length === 0) {
    budget.lines += 2;
    return null;
  }
  const omitted = s.omitted + s.items.length - items.length;
  if (omitted > 0) budget.lines -= 1;
  return { ...s, items, omitted };
}

/** Citation ids renumbered 1, 2, … in the order the answer shows them. */
function renumber(reply: OkReply): OkReply {
  const a = reply.answer;
  const order = new Map<number, number>();
  const seen = (ids: readonly number[]) => {
    for (const id of ids) if (!order.has(id)) order.set(id, order.size + 1);
  };
  seen(a.summaryCites);
  for (const f of a.fields) seen(f.cites);
  for (const f of a.figures) seen(f.values.map((v) => v.cite));
  for (const s of a.sections) for (const i of s.items) seen(i.cites);
  const to = (id: number) => order.get(id) ?? id;
  const map = (ids: readonly number[]) => ids.map(to);
  const field = (f: Field): Field => ({ ...f, cites: map(f.cites) });
  return {
    ...reply,
    answer: {
      ...a,
      summaryCites: map(a.summaryCites),
      fields: a.fields.map(field),
      figures: a.figures.map((f) => ({
        ...f,
        values: f.values.map((v) => ({ ...v, cite: to(v.cite) })),
      })),
      sections: a.sections.map((s) => ({
        ...s,
        items: s.items.map((i) => ({ ...i, cites: map(i.cites) })),
      })),
    },
    citations: reply.citations
      .filter((c) => order.has(c.id))
      .map((c) => ({ ...c, id: to(c.id) }))
      .sort((x, y) => x.id - y.id),
  };
}

/**
 * The answer cut to one screen: its title and lead (the summary), then fields, figures and
 * section items in order while the budget holds them, citing only what it shows. When anything
 * is left out, or the answer is already a short one, it offers `more`, the full card's command.
 */
export function shorten(reply: OkReply, more: string): OkReply {
  const a = reply.answer;
  if (NEVER_SHORT.has(a.kind)) return reply;
  const budget = new Budget();
  budget.lines -= 2 + (a.summary ? 1 : 0);
  for (const c of a.summaryCites) budget.cited.add(c);
  const fields: Field[] = [];
  for (const f of a.fields) if (budget.take(fields.length === 0 ? 2 : 1, f.cites)) fields.push(f);
  const figures = a.figures.filter((f) =>
    budget.take(
      figureLines(a, f),
      f.values.map((v) => v.cite),
    ),
  );
  let cut = fields.length < a.fields.length || figures.length < a.figures.length;
  const sections: Section[] = [];
  for (const s of a.sections) {
    const fitted = fitSection(s, budget);
    cut ||= fitted === null || fitted.omitted > s.omitted;
    if (fitted) sections.push(fitted);
  }
  const short = renumber({ ...reply, answer: { ...a, fields, figures, sections } });
  return cut || reply.more ? { ...short, more: moreOf(more) } : short;
}
