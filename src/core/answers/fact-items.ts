import type { Citation, Fact } from "../corpus/schema.ts";
import { type CitationBook, item } from "../reply/build.ts";
import type { Item } from "../reply/schema.ts";

/** Facts as cited items; an inferred one says how it was inferred. */
export function factItems(book: CitationBook, facts: readonly Fact[]): Item[] {
  return facts.map((f) =>
    item(f.derived ? `${f.text} (derived: ${f.derived})` : f.text, book.citeAll(f.citations)),
  );
}

/** A short answer's citations for a statement: its first quote from each article. */
export function onePerArticle(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => !seen.has(c.article) && seen.add(c.article));
}
