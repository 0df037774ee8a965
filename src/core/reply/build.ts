import { outletName } from "../corpus/outlet.ts";
import type { AnswerFocus } from "../corpus/questions-schema.ts";
import type { Citation } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { corpusLabel } from "../release.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { dateOut } from "./date-out.ts";
import {
  type AnswerBody,
  type ErrorReply,
  type Field,
  type Item,
  type More,
  type OkReply,
  REPLY_SCHEMA,
  type ReplyCitation,
  type ReplyError,
  type Section,
  type Suggestion,
} from "./schema.ts";

/** Numbers citations within one reply, so the same quote cited twice gets one number. */
export interface CitationBook {
  cite(citation: Citation): number;
  citeAll(citations: readonly Citation[]): number[];
  list(): ReplyCitation[];
}

export function citationBook(corpus: Corpus): CitationBook {
  const entries: ReplyCitation[] = [];
  const ids = new Map<string, number>();
  const cite = (c: Citation): number => {
    const key = `${c.article}\u0000${c.quote}`;
    const known = ids.get(key);
    if (known !== undefined) return known;
    // Validation guarantees every cited article exists.
    const article = corpus.articleById.get(c.article);
    if (!article) throw new Error(`unvalidated corpus: unknown article ${c.article}`);
    const id = entries.length + 1;
    entries.push({
      id,
      articleId: article.id,
      outlet: outletName(article),
      title: article.title,
      published: dateOut(article.published),
      url: article.url,
      quote: c.quote,
    });
    ids.set(key, id);
    return id;
  };
  return {
    cite,
    citeAll: (cs) => [...new Set(cs.map(cite))],
    list: () => entries.slice(),
  };
}

/** What every answer is given: the snapshot it answers from, and what was asked. */
export interface ReplyContext {
  snapshot: CorpusSnapshot;
  command: string | null;
  query: string;
  /**
   * Set when the answer is to be short (the default for people): the command text that asks for
   * the full one, e.g. "more actor iskp". Unset, an answer is the full card.
   */
  more?: string;
  /** What a question asked for first ("who claimed …": the perpetrators), for a short answer. */
  focus?: AnswerFocus;
}

/** The "More" a short answer offers: the command text that gives the full card. */
export const moreOf = (command: string): More => ({ label: "More", command });

export type BodyInput = Omit<AnswerBody, "disputed" | "summaryCites" | "figures"> &
  Partial<Pick<AnswerBody, "disputed" | "summaryCites" | "figures">>;

export function okReply(
  ctx: ReplyContext,
  body: BodyInput,
  book: CitationBook,
  suggestions: Suggestion[] = [],
  /** The full card's command when `body` is a short answer's. */
  more: string | null = null,
): OkReply {
  const figures = body.figures ?? [];
  return {
    schema: REPLY_SCHEMA,
    ok: true,
    command: ctx.command,
    query: ctx.query,
    answer: {
      ...body,
      summaryCites: body.summaryCites ?? [],
      figures,
      disputed:
        body.disputed ??
        (figures.some((f) => f.disputed) ||
          body.fields.some((f) => f.disputed) ||
          body.sections.some((s) => s.items.some((i) => i.disputed))),
    },
    error: null,
    suggestions,
    more: more === null ? null : moreOf(more),
    citations: book.list(),
    corpusVersion: ctx.snapshot.corpus.version,
    corpusLabel: corpusLabel(ctx.snapshot.release, ctx.snapshot.corpus.version),
  };
}

export function item(
  text: string,
  cites: number[] = [],
  extra: Partial<Pick<Item, "highlights" | "disputed" | "record">> = {},
): Item {
  const base = {
    text,
    cites,
    highlights: extra.highlights ?? [],
    disputed: extra.disputed ?? false,
  };
  return extra.record ? { ...base, record: extra.record } : base;
}

export function field(label: string, value: string, cites: number[] = [], disputed = false): Field {
  return { label, value, cites, disputed };
}

export function section(heading: string, items: Item[]): Section {
  return { heading, items, omitted: 0 };
}

/**
 * A section of at most `limit` records. Only the kept records become items, so a citation book
 * passed to `toItem` numbers only what the reader is shown.
 */
export function sectionOf<T>(
  heading: string,
  records: readonly T[],
  toItem: (record: T) => Item,
  limit = Number.POSITIVE_INFINITY,
): Section {
  return {
    heading,
    items: records.slice(0, limit).map(toItem),
    omitted: Math.max(0, records.length - limit),
  };
}

export function errorReply(
  ctx: ReplyContext,
  error: Pick<ReplyError, "code" | "message"> & Partial<ReplyError>,
  suggestions: Suggestion[] = [],
): ErrorReply {
  return {
    schema: REPLY_SCHEMA,
    ok: false,
    command: ctx.command,
    query: ctx.query,
    answer: null,
    error: { path: [], usage: null, ...error },
    suggestions,
    more: null,
    citations: [],
    corpusVersion: ctx.snapshot.corpus.version,
    corpusLabel: corpusLabel(ctx.snapshot.release, ctx.snapshot.corpus.version),
  };
}
