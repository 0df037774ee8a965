import type { Article } from "../core/corpus/schema.ts";
import type { CorpusSnapshot } from "../core/snapshot.ts";

/** What the suggestion engine (src/core/suggest/suggest.ts) proposes; see its module for more. */
export interface Suggestion {
  kind: "figure-value" | "actor-mention" | "new-actor" | "date" | "attack" | "event";
  id: string;
  quote: string;
  start: number;
  end: number;
  sentence: string;
  confidence: number;
  record: unknown;
  target?: { kind: "figure-group" | "actor" | "attack" | "event"; id: string };
}

type Engine = (snapshot: CorpusSnapshot, article: Article & { text: string }) => Suggestion[];

// The engine is built on its own branch; until it is merged the panel says so instead of failing.
const ENGINE_MODULE = "../core/suggest/suggest.ts";
let engine: Promise<Engine | null> | undefined;

export function suggestionEngine(): Promise<Engine | null> {
  engine ??= import(ENGINE_MODULE).then(
    (m: { suggestArticle?: Engine }) => m.suggestArticle ?? null,
    () => null,
  );
  return engine;
}
