import type {
  Actor,
  Attack,
  Event,
  FigureGroup,
  FigureValue,
  FuzzyDate,
} from "../corpus/schema.ts";

/** What a suggestion would join: an existing record of the corpus. */
export interface SuggestionTarget {
  kind: "figure-group" | "actor" | "attack" | "event";
  id: string;
}

/** What every suggestion has: its words in the article, and how sure the rules are. */
interface Found {
  /** Stable within one article's suggestions: kind and offsets. */
  id: string;
  /** Verbatim from the article's cleaned text: text.slice(start, end). */
  quote: string;
  start: number;
  end: number;
  /** The sentence the quote stands in, for showing it highlighted. */
  sentence: string;
  /** 0..1: how sure the rules are; the desk lists surer ones first. */
  confidence: number;
  target?: SuggestionTarget;
}

/**
 * A number with its qualifier, unit and measure. `record` is the value to add; joined to `target`'s
 * group when one fits, else `group` proposes a new group holding it.
 */
export interface FigureValueSuggestion extends Found {
  kind: "figure-value";
  record: FigureValue;
  /** The measure read from the text ("killed"), or null when none was found. */
  measure: string | null;
  unit: string;
  /** A new figure group for the value, when no existing group fits (then `target` is absent). */
  group?: FigureGroup;
}

/** A known actor named in the text; `record` is the actor with this article's citation added. */
export interface ActorMentionSuggestion extends Found {
  kind: "actor-mention";
  record: Actor;
  target: SuggestionTarget;
}

/** A name no actor in the corpus has: a candidate new actor, its kind guessed. */
export interface NewActorSuggestion extends Found {
  kind: "new-actor";
  record: Actor;
}

/** A date the text gives, resolved against the article's own date. */
export interface DateSuggestion extends Found {
  kind: "date";
  record: FuzzyDate;
}

/** A candidate attack: an attack verb with a place or a date. */
export interface AttackSuggestion extends Found {
  kind: "attack";
  record: Attack;
}

/** A candidate event: an arrest, court appearance, claim or statement with a date or place. */
export interface EventSuggestion extends Found {
  kind: "event";
  record: Event;
}

export type Suggestion =
  | FigureValueSuggestion
  | ActorMentionSuggestion
  | NewActorSuggestion
  | DateSuggestion
  | AttackSuggestion
  | EventSuggestion;
