import { outletName } from "../corpus/outlet.ts";
import type { Perpetrator } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";

const STATUS: Record<Perpetrator["status"], string> = {
  claimed: "claimed responsibility",
  attributed: "attributed",
  suspected: "suspected",
  alleged: "alleged",
  denied: "denied",
  "not-claimed": "did not claim it",
};

/** "attributed according to US intelligence": a perpetrator's status and who says so. */
export function attribution(corpus: Corpus, p: Perpetrator): string {
  const by = p.by.map((id) => corpus.actorById.get(id)?.name ?? id);
  return by.length > 0 ? `${STATUS[p.status]} according to ${by.join(", ")}` : STATUS[p.status];
}

/**
 * As `attribution`, naming the outlets of its quotes when the entry credits no one: "claimed
 * responsibility according to AsiaNews, DefenceReport".
 */
export function attributionWithSources(corpus: Corpus, p: Perpetrator): string {
  if (p.by.length > 0) return attribution(corpus, p);
  const outlets = p.citations.flatMap((c) => {
    const article = corpus.articleById.get(c.article);
    return article ? [outletName(article)] : [];
  });
  return `${STATUS[p.status]} according to ${[...new Set(outlets)].join(", ")}`;
}
