import { z } from "zod";
import { CODES } from "../codes.ts";
import { Verdict } from "../corpus/schema.ts";
import { AnswerData, DateOut } from "./data-schema.ts";

// The platform-neutral reply: what the core says, before any adapter renders it. Every string
// in it is plain text (user and corpus text included); renderers escape it for their markup.

/** The JSON contract's version, in every reply; bumped whenever a field changes meaning. */
export const REPLY_SCHEMA = 3;

/** A cited source, numbered within one reply: items point at it by `id`. */
export const ReplyCitation = z.strictObject({
  id: z.number().int().positive(),
  articleId: z.string(),
  outlet: z.string(),
  title: z.string(),
  published: DateOut,
  /** The article's address, when the corpus knows it: renderers link the citation to it. */
  url: z.string().nullable(),
  quote: z.string(),
});
export type ReplyCitation = z.infer<typeof ReplyCitation>;

export const Field = z.strictObject({
  label: z.string(),
  value: z.string(),
  cites: z.array(z.number().int()),
  disputed: z.boolean().default(false),
});
export type Field = z.infer<typeof Field>;

/** The corpus record an item stands for, so a client can follow it up by id. */
export const ItemRecord = z.strictObject({
  type: z.enum(["attack", "event"]),
  id: z.string(),
  /** An attack's status (carried-out, foiled, alleged) or an event's kind (warning, arrest…). */
  kind: z.string(),
});
export type ItemRecord = z.infer<typeof ItemRecord>;

export const Item = z.strictObject({
  text: z.string(),
  cites: z.array(z.number().int()),
  /** Character ranges of `text` to emphasise (search hits), as [start, end). */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])).default([]),
  disputed: z.boolean().default(false),
  /** Set on timeline rows: the attack or event the row is. */
  record: ItemRecord.optional(),
  /** A stable id for what the item shows, where it has one (a claim dispute). */
  id: z.string().optional(),
  /** The stable ids of the corpus statements the item shows (perpetrator entries, facts). */
  statements: z.array(z.string()).optional(),
});
export type Item = z.infer<typeof Item>;

export const Section = z.strictObject({
  heading: z.string(),
  items: z.array(Item),
  /** How many items were left out to keep the reply short. */
  omitted: z.number().int().nonnegative().default(0),
});
export type Section = z.infer<typeof Section>;

export const FigureValueOut = z.strictObject({
  /** The value's stable statement id: a correction names it. */
  id: z.string(),
  text: z.string(),
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  qualifier: z.string().nullable(),
  asOf: z.string().nullable(),
  /** Who the source credits for the number, apart from the outlet. */
  attributedTo: z.string().nullable(),
  outlet: z.string(),
  cite: z.number().int(),
});

export const FigureOut = z.strictObject({
  id: z.string(),
  measure: z.string(),
  unit: z.string(),
  verdict: Verdict,
  /** A curator's verdict over the computed one, and why; null when there is none. */
  override: z.strictObject({ computed: Verdict, reason: z.string() }).nullable(),
  /** True only for a conflict: no single amount satisfies every value. */
  disputed: z.boolean(),
  /**
   * The amounts every value allows (null ends are unbounded; years in fractional years); null
   * when none does or the values are for different moments.
   */
  span: z
    .strictObject({
      low: z.number().nullable(),
      high: z.number().nullable(),
      lowInclusive: z.boolean(),
      highInclusive: z.boolean(),
    })
    .nullable(),
  /** "137 people": the span in words; null when `span` is. */
  spanLabel: z.string().nullable(),
  /** The verdict in one or two plain sentences. */
  note: z.string(),
  /** In date order for a revision. */
  values: z.array(FigureValueOut).min(1),
});
export type FigureOut = z.infer<typeof FigureOut>;

export const Suggestion = z.strictObject({
  label: z.string(),
  /** The command text that would follow it up, e.g. "actor taliban". */
  command: z.string(),
});
export type Suggestion = z.infer<typeof Suggestion>;

/**
 * The full answer behind a short one: the command text that asks for it ("more actor iskp"),
 * which Slack and Discord offer as a "More" button and the shell as the word "more".
 */
export const More = z.strictObject({ label: z.string(), command: z.string() });
export type More = z.infer<typeof More>;

export const AnswerKind = z.enum([
  "help",
  "actor",
  "attack",
  "figure",
  "search",
  "sources",
  "source",
  "timeline",
  "disputes",
  "digest",
  "changes",
]);
export type AnswerKind = z.infer<typeof AnswerKind>;

export const AnswerBody = z
  .strictObject({
    kind: AnswerKind,
    title: z.string(),
    summary: z.string().nullable(),
    /** Citations backing the summary. */
    summaryCites: z.array(z.number().int()).default([]),
    fields: z.array(Field),
    sections: z.array(Section),
    figures: z.array(FigureOut),
    /** True when any figure, field or item in the answer is in conflict. */
    disputed: z.boolean(),
    /** The records behind the text, as data: one shape per kind (see data-schema.ts). */
    data: AnswerData,
  })
  .refine((a) => a.data.kind === a.kind, {
    message: "data is of another kind than the answer",
    path: ["data", "kind"],
  });
export type AnswerBody = z.infer<typeof AnswerBody>;

/** A reply's error code as the JSON contract shows it: the `reply.*` codes without the prefix. */
export const ErrorCode = z.enum(CODES.reply);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ReplyError = z.strictObject({
  code: ErrorCode,
  message: z.string(),
  /** Which part of the request was wrong, e.g. ["name"]. */
  path: z.array(z.string()).default([]),
  /** How to call the command correctly, when that helps. */
  usage: z.string().nullable().default(null),
});
export type ReplyError = z.infer<typeof ReplyError>;

/** How a plain question was read: the command and options that answered it, and how surely. */
export const Understood = z.strictObject({
  command: z.string(),
  /** The command's options as its schema names them, e.g. { "topic": "crocus death toll" }. */
  options: z.record(z.string(), z.string()),
  /** 0..1, from the reading scores: how well the best reading fits, less the runner-up's pull. */
  confidence: z.number().min(0).max(1),
});
export type Understood = z.infer<typeof Understood>;

const common = {
  schema: z.literal(REPLY_SCHEMA),
  command: z.string().nullable(),
  /** What the user asked, cleaned of control characters; data, never markup. */
  query: z.string(),
  suggestions: z.array(Suggestion),
  /** Set on a short answer: how to ask for the full card; null when nothing was left out. */
  more: More.nullable(),
  corpusVersion: z.string(),
  /** The version as people read it: "corpus v12 · published 12 Apr 2024, 14:05 UTC". */
  corpusLabel: z.string(),
  /** Only on answers to plain questions. */
  understood: Understood.optional(),
};

export const Reply = z.discriminatedUnion("ok", [
  z.strictObject({
    ok: z.literal(true),
    ...common,
    answer: AnswerBody,
    error: z.null(),
    citations: z.array(ReplyCitation),
  }),
  z.strictObject({
    ok: z.literal(false),
    ...common,
    answer: z.null(),
    error: ReplyError,
    citations: z.array(ReplyCitation),
  }),
]);
export type Reply = z.infer<typeof Reply>;
export type OkReply = Extract<Reply, { ok: true }>;
export type ErrorReply = Extract<Reply, { ok: false }>;
