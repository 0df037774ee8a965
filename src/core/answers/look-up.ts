import type { NameIndex } from "../names.ts";
import { errorReply, type ReplyContext } from "../reply/build.ts";
import type { ErrorReply, Suggestion } from "../reply/schema.ts";

const MAX_CANDIDATES = 10;

/**
 * How a command reads a name that fits several records, judged from their data: all of them
 * together (one incident, one sentence), one main reading with the others listed, or neither.
 */
export type Reading = { together: string[] } | { main: string; others: string[] } | null;

/** A name resolved: the record, and the others it fits that the answer shows or lists. */
export interface Found {
  id: string;
  /** Every record to show together, `id` first; empty unless the name fits several. */
  together: string[];
  /** Records the name also fits, listed after the main reading. */
  others: string[];
}

/**
 * Resolves a name for a command, or says why it can't: "no actor matches 'talibn'" with the
 * nearest names, or the candidates when the name fits several records that `read` cannot
 * answer as one.
 */
export function lookUp(
  ctx: ReplyContext,
  index: NameIndex,
  query: string,
  /** Singular and plural, e.g. ["actor", "actors"]. */
  what: readonly [string, string],
  command: string,
  read: (ids: string[]) => Reading = () => null,
): Found | { reply: ErrorReply } {
  const result = index.resolve(query);
  if (result.kind === "found") return { id: result.id, together: [], others: [] };
  const reading = result.kind === "ambiguous" ? read(result.ids) : null;
  if (reading && "main" in reading)
    return { id: reading.main, together: [], others: reading.others };
  const [first] = reading?.together ?? [];
  if (reading && first) return { id: first, together: reading.together, others: [] };
  const suggest = (ids: string[]): Suggestion[] =>
    ids.slice(0, MAX_CANDIDATES).map((id) => ({
      label: index.entries.get(id)?.label ?? id,
      command: `${command} ${index.entries.get(id)?.names[0] ?? id}`,
    }));
  if (result.kind === "ambiguous") {
    return {
      reply: errorReply(
        ctx,
        {
          code: "ambiguous",
          message: `"${query}" fits ${result.ids.length} ${what[1]}; say which one.`,
          path: ["query"],
        },
        suggest(result.ids),
      ),
    };
  }
  const names = result.suggestions.map((id) => index.entries.get(id)?.label ?? id);
  const hint = names.length > 0 ? ` Did you mean ${names.join(" or ")}?` : "";
  return {
    reply: errorReply(
      ctx,
      { code: "not_found", message: `No ${what[0]} matches "${query}".${hint}`, path: ["query"] },
      suggest(result.suggestions),
    ),
  };
}
