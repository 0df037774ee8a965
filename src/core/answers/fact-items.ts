import type { Fact } from "../corpus/schema.ts";
import { type CitationBook, item } from "../reply/build.ts";
import type { Item } from "../reply/schema.ts";

/** Facts as cited items; an inferred one says how it was inferred. */
export function factItems(book: CitationBook, facts: readonly Fact[]): Item[] {
  return facts.map((f) =>
    item(f.derived ? `${f.text} (derived: ${f.derived})` : f.text, book.citeAll(f.citations)),
  );
}
