import type { QuestionWords } from "./questions-schema.ts";
import type {
  Actor,
  Article,
  Attack,
  Event,
  FigureGroup,
  Hedge,
  QualifierTable,
  Relation,
} from "./schema.ts";

export interface LoadedArticle extends Article {
  /**
   * The cleaned body every quote must occur in. A serving process may hold it packed (see
   * TextPacker): then reading it unpacks it, so read it once per article per task.
   */
  readonly text: string;
}

/**
 * Keeps a cleaned text in less memory: returns what reads it back, or null to keep it as is.
 * The core stays free of codecs; the process that loads a corpus to serve it supplies one.
 */
export type TextPacker = (text: string) => (() => string) | null;

/** The validated corpus: the only input the core answers from. Immutable after load. */
export interface Corpus {
  /** Hash of the canonical content (see version.ts); answers carry it so a reader knows their source. */
  version: string;
  articles: readonly LoadedArticle[];
  actors: readonly Actor[];
  relations: readonly Relation[];
  attacks: readonly Attack[];
  /** Warnings, statements, arrests and the like: what happened that is not an attack. */
  events: readonly Event[];
  figures: readonly FigureGroup[];
  /** What each figure qualifier means ("at least", "hundreds"): the verdicts read values by it. */
  qualifiers: QualifierTable;
  /** The words plain questions are read by: forms, synonyms, other scripts' letters. */
  questions: QuestionWords;
  /** Words that hedge a quote ("said to be"): statements citing one keep it in their wording. */
  hedges: readonly Hedge[];
  articleById: ReadonlyMap<string, LoadedArticle>;
  actorById: ReadonlyMap<string, Actor>;
  attackById: ReadonlyMap<string, Attack>;
  eventById: ReadonlyMap<string, Event>;
  figureById: ReadonlyMap<string, FigureGroup>;
}

/** The data files as read from disk, before any validation. */
export interface RawCorpusFiles {
  /** File name → contents for the JSON files; null when the file could not be read. */
  json: Record<
    | "articles.json"
    | "actors.json"
    | "relations.json"
    | "attacks.json"
    | "events.json"
    | "figures.json"
    | "qualifiers.json"
    | "questions.json"
    | "hedges.json",
    string | null
  >;
  /** Article id → raw text as received (null when the file is missing). */
  texts: Record<string, string | null>;
  /**
   * Raw texts left unread because the reader already holds them cleaned: article id → the raw
   * text's sha256 as the store recorded it. Only the load of a published version, given the
   * articles it holds, takes them up.
   */
  held?: Readonly<Record<string, string>>;
}
