import { z } from "zod";

// Schemas for the curated data files under data/. Every boundary is typed from these.

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lower-case slug like 'isis-k'");
export const ArticleId = slug;
export const ActorId = slug;
export const AttackId = slug;
export const FigureId = slug;
/**
 * A fact, relation or perpetrator entry: unique across the corpus and kept when its wording is
 * corrected, so a correction can name what it corrects.
 */
export const StatementId = slug;

/** A verbatim quote from the cleaned text of one article: the unit of provenance. */
export const Citation = z.strictObject({
  article: ArticleId,
  quote: z.string().min(3),
});
export type Citation = z.infer<typeof Citation>;

const citations = z.array(Citation).min(1, "every fact needs at least one citation");

const derivedSaysHow = (d: { derivedFrom?: string; reason?: string }) =>
  !d.derivedFrom || Boolean(d.reason);
const DERIVED_NEEDS_REASON = {
  message: "a derived date needs a reason saying how it was worked out",
  path: ["reason"],
};

/**
 * A date as precise as the source allows. `estimated` dates say why. Where a record's text gives
 * the date, `words` are those words, outright ("In September 2022"); a date computed from relative
 * words ("a day before the attack in Moscow", "in January") keeps them in `derivedFrom` instead,
 * and `reason` says how it was computed.
 */
export const FuzzyDate = z
  .strictObject({
    value: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "YYYY, YYYY-MM or YYYY-MM-DD"),
    precision: z.enum(["year", "month", "day"]),
    qualifier: z.enum(["early", "mid", "late"]).optional(),
    estimated: z.boolean().default(false),
    reason: z.string().optional(),
    words: z.string().min(1).optional(),
    derivedFrom: z.string().min(1).optional(),
  })
  .refine((d) => d.value.split("-").length === { year: 1, month: 2, day: 3 }[d.precision], {
    message: "value does not match precision",
    path: ["value"],
  })
  .refine((d) => !d.estimated || d.reason, {
    message: "an estimated date needs a reason",
    path: ["reason"],
  })
  .refine(derivedSaysHow, DERIVED_NEEDS_REASON);
export type FuzzyDate = z.infer<typeof FuzzyDate>;

/**
 * A stretch of time, not a date: "in the last four years" is 2020 to the article's own date.
 * Timelines sort it by its end (see dates.ts), so it never passes for a dated item at its start.
 */
export const DateSpan = z
  .strictObject({
    from: FuzzyDate,
    to: FuzzyDate,
    words: z.string().min(1).optional(),
    derivedFrom: z.string().min(1).optional(),
    /** How the ends were worked out, e.g. which article's date the span ends at. */
    reason: z.string().optional(),
  })
  // Compared at the coarser precision: 22 Mar 2024 to "late Mar 2024" is a span within March.
  .refine((s) => s.from.value.slice(0, s.to.value.length) <= s.to.value, {
    message: "a span must not end before it starts",
    path: ["to"],
  })
  .refine(derivedSaysHow, DERIVED_NEEDS_REASON);
export type DateSpan = z.infer<typeof DateSpan>;

/** When something happened: a date, or a span where the text gives one. */
export const When = z.union([DateSpan, FuzzyDate]);
export type When = z.infer<typeof When>;

/** Something removed from the raw text to make the cleaned body, kept so an editor can audit it. */
export const Removal = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("exact"), text: z.string().min(1), reason: z.string() }),
  z.strictObject({ kind: z.literal("tail"), from: z.string().min(1), reason: z.string() }),
]);
export type Removal = z.infer<typeof Removal>;

export const Article = z.strictObject({
  id: ArticleId,
  title: z.string().min(1),
  /** "text": the headline stands in the article; "editorial": we wrote a descriptive title. */
  titleSource: z.enum(["text", "editorial"]),
  outlet: z.string().min(1),
  outletConfidence: z.enum(["certain", "likely"]),
  outletEvidence: z.string(),
  /** The outlet as an actor, so an entry can credit it with what the article states itself. */
  outletActor: z.string().optional(),
  author: z.string().nullable(),
  published: FuzzyDate,
  language: z.string().length(2),
  translatedFrom: z.string().length(2).nullable(),
  url: z.url().nullable(),
  originalFile: z.string(),
  /** sha256 of the raw file, hex. */
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  removals: z.array(Removal),
});
export type Article = z.infer<typeof Article>;

export const ActorKind = z.enum([
  "armed-group",
  "state",
  "government-body",
  "intelligence-agency",
  "international-organisation",
  "organisation",
  "media-outlet",
  "person",
  "place",
  /** An ethnic group or a diaspora: people, not an organisation. */
  "population",
]);
export type ActorKind = z.infer<typeof ActorKind>;

/** A name no article has, kept so look-ups find what people type; never shown as a source's. */
export const EditorAlias = z.strictObject({
  name: z.string().min(1),
  /** Why the editors added it and what the texts say instead. */
  reason: z.string().min(1),
});
export type EditorAlias = z.infer<typeof EditorAlias>;

/** How an actor or attack is named: as the texts name it, or marked as the editors' choice. */
const naming = {
  name: z.string().min(1),
  /** Set when no article has the name as written: why the editors chose it. Shown with it. */
  nameReason: z.string().min(1).optional(),
  /** Other names, each as some article's text has it (folded for case and diacritics). */
  aliases: z.array(z.string().min(1)),
  editorAliases: z.array(EditorAlias).default([]),
};

/**
 * On a revisable statement (fact, relation, perpetrator, event, figure value): why it was revised,
 * as the curator puts it. Corrections and `changes` show it; it is not part of what was stated.
 */
const correction = z.string().min(1).optional();

export const Fact = z.strictObject({
  id: StatementId,
  text: z.string().min(1),
  citations,
  /** Set when the fact is inferred rather than stated; says how. */
  derived: z.string().optional(),
  correction,
});
export type Fact = z.infer<typeof Fact>;

export const Actor = z.strictObject({
  id: ActorId,
  ...naming,
  kind: ActorKind,
  summary: z.string().min(1),
  /** For people: role or title as the sources give it. */
  role: z.string().optional(),
  citations,
  facts: z.array(Fact),
});
export type Actor = z.infer<typeof Actor>;

export const RelationType = z.enum([
  "leader-of",
  "member-of",
  "part-of",
  "based-in",
  "active-in",
  "aligned-with",
  "rival-of",
  "cooperates-with",
  "supports",
  "opposes",
  "official-of",
  "expert-at",
  "spokesperson-for",
  "media-wing-of",
  /** Members came from the object: recruited, or joined as an influx ("draws members from"). */
  "draws-from",
]);
export type RelationType = z.infer<typeof RelationType>;

export const Relation = z.strictObject({
  id: StatementId,
  subject: ActorId,
  type: RelationType,
  object: ActorId,
  note: z.string().optional(),
  correction,
  citations,
});
export type Relation = z.infer<typeof Relation>;

export const AttributionStatus = z.enum([
  "claimed",
  "attributed",
  "suspected",
  "alleged",
  "denied",
  "not-claimed",
]);
export type AttributionStatus = z.infer<typeof AttributionStatus>;

export const Perpetrator = z.strictObject({
  id: StatementId,
  actor: ActorId,
  status: AttributionStatus,
  /** Who makes the attribution or allegation (actor ids); empty for a claim by the group itself. */
  by: z.array(ActorId).default([]),
  /** What the sources say about it, for readers: answers show it. */
  note: z.string().optional(),
  /** For the editors only (how the record is built, what it pairs with): answers never show it. */
  curatorNote: z.string().optional(),
  correction,
  citations,
});
export type Perpetrator = z.infer<typeof Perpetrator>;

export const AttackKind = z.enum([
  "armed-assault",
  "bombing",
  "suicide-bombing",
  "shooting",
  "hostage-taking",
  "arson",
  "plot",
  "unknown",
]);

export const Place = z.strictObject({
  site: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
});
export type Place = z.infer<typeof Place>;

/**
 * "foiled": the sources say it was stopped ("said it had thwarted"); "alleged": suspects were
 * detained over a plot the sources only allege, which is not the same as foiling it.
 */
export const AttackStatus = z.enum(["carried-out", "foiled", "alleged"]);
export type AttackStatus = z.infer<typeof AttackStatus>;

export const Attack = z.strictObject({
  id: AttackId,
  ...naming,
  date: When,
  place: Place,
  kinds: z.array(AttackKind).min(1),
  status: AttackStatus,
  targets: z.array(z.string()),
  perpetrators: z.array(Perpetrator),
  /** Figure group ids for the tolls; the per-source values live in figures. */
  casualties: z.strictObject({ killed: FigureId.nullable(), injured: FigureId.nullable() }),
  summary: z.string().min(1),
  citations,
  facts: z.array(Fact),
});
export type Attack = z.infer<typeof Attack>;

/** One source's statement of a number, worded as the source words it. */
export const FigureValue = z
  .strictObject({
    id: StatementId,
    /** The number as stated; absent for a range or a bare word ("hundreds"). */
    value: z.number().optional(),
    low: z.number().optional(),
    high: z.number().optional(),
    /** Exactly as written: "at least", "more than", "almost", "over", "estimated", "about", "hundreds". */
    qualifier: z.string().nullable(),
    /** The statement as it reads, e.g. "at least 130". */
    text: z.string().min(1),
    asOf: FuzzyDate.optional(),
    /** Who the article credits for the number, apart from the outlet (actor ids). */
    attributedTo: z.array(ActorId).default([]),
    /** Free-text credit when the source is not a curated actor ("according to authorities"). */
    attributedToText: z.string().optional(),
    derived: z.string().optional(),
    correction,
    citation: Citation,
  })
  .refine((v) => v.value !== undefined || v.low !== undefined || v.qualifier, {
    message: "a figure needs a value, a range or a qualifier",
  })
  .refine((v) => v.low === undefined || v.high === undefined || v.low <= v.high, {
    message: "low must not exceed high",
    path: ["low"],
  });
export type FigureValue = z.infer<typeof FigureValue>;

/**
 * How the values of one measure relate: `agree` (the same amounts), `compatible` (worded
 * differently, but one amount satisfies them all), `conflict` (no amount satisfies them all) or
 * `revision` (values for different moments).
 */
export const Verdict = z.enum(["agree", "compatible", "conflict", "revision"]);
export type Verdict = z.infer<typeof Verdict>;

/** All sourced values for one measure, so disagreement between sources stays visible. */
export const FigureGroup = z.strictObject({
  id: FigureId,
  measure: z.string().min(1),
  unit: z.string().min(1),
  /** Words a user might type to find it ("crocus death toll", "tajiks in russia"). */
  topics: z.array(z.string().min(1)).min(1),
  about: z.strictObject({
    actors: z.array(ActorId).default([]),
    attacks: z.array(AttackId).default([]),
  }),
  values: z.array(FigureValue).min(1),
  /** A curator's verdict where reading the words alone misleads, with the reason shown to users. */
  override: z.strictObject({ verdict: Verdict, reason: z.string().min(1) }).optional(),
});
export type FigureGroup = z.infer<typeof FigureGroup>;

const words = z.array(z.string().regex(/^[a-z][a-z ]*[a-z]$/, "lower-case words")).min(1);
const means = z.string().min(1);

/** What a figure qualifier means as a set of amounts: one row of data/qualifiers.json. */
export const QualifierMeaning = z.discriminatedUnion("kind", [
  /** "at least 130" (inclusive), "more than 130" (not). */
  z.strictObject({ kind: z.literal("lower"), words, inclusive: z.boolean(), means }),
  /** "up to 100" (inclusive), "almost 100" (not). */
  z.strictObject({ kind: z.literal("upper"), words, inclusive: z.boolean(), means }),
  /** "about 4,000": a band of `width` times the number on either side. */
  z.strictObject({
    kind: z.literal("approximate"),
    words,
    width: z.number().positive().max(1),
    means,
  }),
  /** "hundreds": a word that stands for a range of amounts on its own. */
  z.strictObject({ kind: z.literal("quantity"), words, low: z.number(), high: z.number(), means }),
  /** "late 2014": a part of a year, month or day, as fractions of it. */
  z.strictObject({
    kind: z.literal("period"),
    words,
    from: z.number().min(0).max(1),
    to: z.number().min(0).max(1),
    means,
  }),
]);
export type QualifierMeaning = z.infer<typeof QualifierMeaning>;

export const QualifiersFile = z.array(QualifierMeaning).superRefine((rows, ctx) => {
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    for (const word of row.words) {
      if (seen.has(word)) {
        ctx.addIssue({ code: "custom", path: [i, "words"], message: `"${word}" is defined twice` });
      }
      seen.add(word);
    }
  });
});
export type QualifierTable = z.infer<typeof QualifiersFile>;

export const EventId = slug;

export const EventKind = z.enum([
  "warning",
  "statement",
  "announcement",
  "court-appearance",
  "arrest",
  "takeover",
  "withdrawal",
  "anniversary",
  "other",
]);
export type EventKind = z.infer<typeof EventKind>;

/** What an actor is to an event: who made the statement, who was arrested, who it was about. */
export const EventRole = z.enum([
  "author",
  "actor",
  "subject",
  "addressee",
  "arrested",
  "defendant",
  "court",
  "investigator",
  "target",
  "source",
]);
export type EventRole = z.infer<typeof EventRole>;

/** Something that is not an attack: a warning, a claim, an arrest, a court appearance. */
export const Event = z.strictObject({
  id: EventId,
  ...naming,
  kind: EventKind,
  date: When,
  place: Place,
  actors: z.array(z.strictObject({ actor: ActorId, role: EventRole })),
  /** Parties no curated actor stands for ("nine more suspects"), worded as the text words them. */
  actorsText: z.array(z.strictObject({ name: z.string().min(1), role: EventRole })).default([]),
  /** The attacks it bears on: an attack answer lists it. */
  attacks: z.array(AttackId).default([]),
  summary: z.string().min(1),
  citations,
  facts: z.array(Fact).default([]),
  correction,
});
export type Event = z.infer<typeof Event>;
const phrases = z.array(z.string().regex(/^[a-z][a-z ]*[a-z]$/, "lower-case words")).min(1);

/**
 * A hedge: words that, in a quote, make the statement less than a plain fact ("said to be",
 * "appears to", "so far"); one row of data/hedges.json. A statement citing such a quote must keep
 * the hedge in its own wording: one of `carriedBy`.
 */
export const Hedge = z.strictObject({
  words: phrases,
  carriedBy: phrases,
  means: z.string().min(1),
});
export type Hedge = z.infer<typeof Hedge>;
export const HedgesFile = z.array(Hedge);

export const ArticlesFile = z.array(Article);
export const ActorsFile = z.array(Actor);
export const RelationsFile = z.array(Relation);
export const AttacksFile = z.array(Attack);
export const FiguresFile = z.array(FigureGroup);
export const EventsFile = z.array(Event);
