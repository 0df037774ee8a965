import type { Citation, RelationType } from "../corpus/schema.ts";
import { queryTerms } from "../search/tokenize.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { RELATION_WORDS } from "./actor.ts";

/** Each relation's words and its type's as search terms: "leads", "led by", "leader-of" → lead, leader. */
const RELATION_TERMS = new Map(
  Object.entries(RELATION_WORDS).map(([type, words]) => [
    type as RelationType,
    new Set(queryTerms([...words, type.replace(/-/g, " ")].join(" "))),
  ]),
);

/**
 * The quotes of the curated relations a query asks about: it names one of the relation's actors
 * and a word of the relation ("who leads ISKP" → the sentence that says who leads it), so the
 * passage that answers a question is found even where it says "the group" instead of the name.
 */
export function askedRelationQuotes(
  snapshot: CorpusSnapshot,
  terms: ReadonlySet<string>,
): Citation[] {
  const { corpus, names } = snapshot;
  const named = (id: string) =>
    (names.actors.entries.get(id)?.names ?? []).some((n) =>
      queryTerms(n).some((t) => terms.has(t)),
    );
  return corpus.relations
    .filter((r) => [...(RELATION_TERMS.get(r.type) ?? [])].some((t) => terms.has(t)))
    .filter((r) => named(r.subject) || named(r.object))
    .flatMap((r) => r.citations);
}
