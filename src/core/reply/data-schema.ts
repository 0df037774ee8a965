import { z } from "zod";
import {
  ActorKind,
  AttackKind,
  AttackStatus,
  AttributionStatus,
  EventKind,
  EventRole,
  RelationType,
  Verdict,
} from "../corpus/schema.ts";

// The data behind an answer's display text, one object per answer kind: what a client computes
// with, where the text is what a person reads. Built from the records by ./data.ts.

/** A date as precise as the source allows, in ISO 8601 ("2024", "2024-03", "2024-03-22"). */
export const DateOut = z.strictObject({
  value: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  precision: z.enum(["year", "month", "day"]),
  /** "late Mar 2024": the part of the year or month the source names. */
  qualifier: z.enum(["early", "mid", "late"]).nullable(),
  /** Not stated in the text: the corpus says why (see `source <id>`). */
  estimated: z.boolean(),
  /** Computed from relative words ("a day before the attack"), not stated outright. */
  derived: z.boolean(),
  /** Human form, e.g. "22 Mar 2024", "late Mar 2024 (estimated)". */
  label: z.string(),
});
export type DateOut = z.infer<typeof DateOut>;

/** A stretch of time ("in the last four years"), not a date. */
export const SpanOut = z.strictObject({ from: DateOut, to: DateOut });
export const WhenOut = z.union([SpanOut, DateOut]);
export type WhenOut = z.infer<typeof WhenOut>;

export const PlaceOut = z.strictObject({
  site: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  /** The place in words, as answers show it; null when the sources give none. */
  label: z.string().nullable(),
});
export type PlaceOut = z.infer<typeof PlaceOut>;

/** A curated record by id, with the name answers show for it. */
export const Ref = z.strictObject({ id: z.string(), name: z.string() });
export type Ref = z.infer<typeof Ref>;

/** A figure group by id, with its measure and verdict; the `figure` answer has its values. */
export const FigureRef = z.strictObject({ id: z.string(), measure: z.string(), verdict: Verdict });
export type FigureRef = z.infer<typeof FigureRef>;

export const ActorOut = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: ActorKind,
  /** Names the texts have; editors' look-up aliases are left out. */
  aliases: z.array(z.string()),
  role: z.string().nullable(),
});
export type ActorOut = z.infer<typeof ActorOut>;

export const RelationOut = z.strictObject({
  /** The relation's statement id. */
  id: z.string(),
  type: RelationType,
  subject: Ref,
  object: Ref,
  note: z.string().nullable(),
});
export type RelationOut = z.infer<typeof RelationOut>;

/** One account of who was behind an attack. */
export const PerpetratorOut = z.strictObject({
  /** The entry's statement id. */
  id: z.string(),
  actor: Ref,
  status: AttributionStatus,
  /** Who makes the attribution or allegation; empty for a group's own claim. */
  by: z.array(Ref),
  /** The articles its citations quote. */
  articles: z.array(z.string()),
});
export type PerpetratorOut = z.infer<typeof PerpetratorOut>;

export const FigureValueData = z.strictObject({
  /** The value's stable statement id. */
  id: z.string(),
  /** The number as stated; null for a range or a bare word ("hundreds"). */
  amount: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  unit: z.string(),
  /** As written: "at least", "more than", "about", "hundreds"; null for a plain number. */
  qualifier: z.string().nullable(),
  text: z.string(),
  source: z.strictObject({ articleId: z.string(), outlet: z.string() }),
  asOf: DateOut.nullable(),
  /** Who the article credits for the number, apart from the outlet. */
  attributedTo: z.array(Ref),
  attributedToText: z.string().nullable(),
  /** Inferred rather than stated. */
  derived: z.boolean(),
});
export type FigureValueData = z.infer<typeof FigureValueData>;

export const FigureData = z.strictObject({
  /** The figure group's id. */
  id: z.string(),
  measure: z.string(),
  unit: z.string(),
  verdict: Verdict,
  /** The amounts every value allows (null ends unbounded); null for a conflict or a revision. */
  span: z
    .strictObject({
      low: z.number().nullable(),
      high: z.number().nullable(),
      lowInclusive: z.boolean(),
      highInclusive: z.boolean(),
    })
    .nullable(),
  about: z.strictObject({ actors: z.array(z.string()), attacks: z.array(z.string()) }),
  values: z.array(FigureValueData).min(1),
});
export type FigureData = z.infer<typeof FigureData>;

export const AttackOut = z.strictObject({
  id: z.string(),
  name: z.string(),
  date: WhenOut,
  place: PlaceOut,
  status: AttackStatus,
  kinds: z.array(AttackKind),
  targets: z.array(z.string()),
});
export type AttackOut = z.infer<typeof AttackOut>;

export const EventOut = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: EventKind,
  date: WhenOut,
  place: PlaceOut,
  actors: z.array(z.strictObject({ actor: Ref, role: EventRole })),
  /** The attacks it bears on, by id. */
  attacks: z.array(z.string()),
});
export type EventOut = z.infer<typeof EventOut>;

export const ArticleOut = z.strictObject({
  id: z.string(),
  title: z.string(),
  outlet: z.string(),
  outletConfidence: z.enum(["certain", "likely"]),
  author: z.string().nullable(),
  published: DateOut,
  language: z.string(),
  translatedFrom: z.string().nullable(),
  url: z.string().nullable(),
});
export type ArticleOut = z.infer<typeof ArticleOut>;

const HelpData = z.strictObject({
  kind: z.literal("help"),
  /** The commands the answer explains. */
  commands: z.array(z.string()),
});

const ActorData = z.strictObject({
  kind: z.literal("actor"),
  actor: ActorOut,
  leaders: z.array(Ref),
  relations: z.array(RelationOut),
  /** Every attack the actor is named in, with the actor's entries only. */
  attacks: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      date: WhenOut,
      status: AttackStatus,
      perpetrators: z.array(PerpetratorOut),
    }),
  ),
  figures: z.array(FigureRef),
  /** The statement ids of its facts, in the order the full card lists them. */
  facts: z.array(z.string()),
});

const AttackData = z.strictObject({
  kind: z.literal("attack"),
  attack: AttackOut,
  perpetrators: z.array(PerpetratorOut),
  /** The toll, every source's value apart. */
  tolls: z.strictObject({ killed: FigureData.nullable(), injured: FigureData.nullable() }),
  events: z.array(EventOut),
  /** The statement ids of its facts. */
  facts: z.array(z.string()),
  /** Other attacks the name fits, when it fits several. */
  others: z.array(Ref),
});

const FigureKindData = z.strictObject({
  kind: z.literal("figure"),
  /** One, or several from one incident or sentence shown together. */
  figures: z.array(FigureData).min(1),
});

const TimelineData = z.strictObject({
  kind: z.literal("timeline"),
  /** The actor, attack or event the timeline is for; null for the whole corpus. */
  scope: Ref.nullable(),
  rows: z.array(
    z.discriminatedUnion("type", [
      z.strictObject({ type: z.literal("attack"), attack: AttackOut }),
      z.strictObject({ type: z.literal("event"), event: EventOut }),
    ]),
  ),
});

const DisputesData = z.strictObject({
  kind: z.literal("disputes"),
  view: z.enum(["figures", "claims"]),
  figures: z.array(FigureData),
  claims: z.array(
    z.strictObject({
      id: z.string(),
      /** "claim": claimed and not claimed, which cannot both be right; "allegation": beside a claim. */
      kind: z.enum(["claim", "allegation"]),
      attack: Ref,
      actor: Ref,
      sides: z.array(PerpetratorOut),
    }),
  ),
});

const ChangedStatement = z.strictObject({
  id: z.string(),
  kind: z.enum(["fact", "relation", "perpetrator", "figure-value", "event"]),
  /** The record it belongs to. */
  record: z.string(),
  text: z.string(),
});

const ChangesData = z.strictObject({
  kind: z.literal("changes"),
  /** The version compared with, as people read it; null for the first version. */
  since: z.string().nullable(),
  added: z.array(ChangedStatement),
  revised: z.array(z.strictObject({ before: ChangedStatement, after: ChangedStatement })),
  withdrawn: z.array(ChangedStatement),
  articlesAdded: z.array(z.string()),
  articlesWithdrawn: z.array(z.string()),
  publishes: z.array(z.strictObject({ label: z.string(), by: z.string(), note: z.string() })),
});

const SearchData = z.strictObject({
  kind: z.literal("search"),
  /** The terms matched, after folding, stop words and stemming. */
  terms: z.array(z.string()),
  passages: z.array(
    z.strictObject({
      articleId: z.string(),
      /** The passage's place in the article's cleaned text (`corpus:text`), as [start, end). */
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
    }),
  ),
});

const DigestData = z.strictObject({
  kind: z.literal("digest"),
  /** What a built digest shows, by id; null on a schedule's reply. */
  digest: z
    .strictObject({
      date: z.string(),
      articles: z.array(z.string()),
      attacks: z.array(z.string()),
      events: z.array(z.string()),
      /** Statements shown as new, revised or corrected. */
      statements: z.array(z.string()),
      anniversaries: z.array(z.string()),
      disputedFigures: z.array(z.string()),
    })
    .nullable(),
  subscriptions: z.array(
    z.strictObject({
      channelId: z.string(),
      cron: z.string(),
      label: z.string(),
      tz: z.string(),
      topic: z.string().nullable(),
      paused: z.boolean(),
    }),
  ),
});

const SourcesData = z.strictObject({ kind: z.literal("sources"), articles: z.array(ArticleOut) });

const SourceData = z.strictObject({
  kind: z.literal("source"),
  article: ArticleOut.extend({
    originalFile: z.string(),
    sha256: z.string(),
    removals: z.array(z.string()),
  }),
});

/** An answer's data, discriminated by the answer's kind. */
export const AnswerData = z.discriminatedUnion("kind", [
  HelpData,
  ActorData,
  AttackData,
  FigureKindData,
  SearchData,
  SourcesData,
  SourceData,
  TimelineData,
  DisputesData,
  DigestData,
  ChangesData,
]);
export type AnswerData = z.infer<typeof AnswerData>;
/** The data of one kind of answer. */
export type DataOf<K extends AnswerData["kind"]> = Extract<AnswerData, { kind: K }>;
