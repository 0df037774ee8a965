import { foldText } from "../text/normalize.ts";
import type { CorpusProblem } from "./problem.ts";
import type { Actor, Attack, Citation, FigureGroup } from "./schema.ts";
import type { LoadedArticle } from "./types.ts";

/** One "who says so" reference: the actor credited and the quotes that must show it. */
interface Credit {
  file: string;
  record: string;
  path: string;
  actor: string;
  citations: readonly Citation[];
}

function credits(attacks: readonly Attack[], figures: readonly FigureGroup[]): Credit[] {
  return [
    ...attacks.flatMap((a) =>
      a.perpetrators.flatMap((p, i) =>
        p.by.map((actor, j) => ({
          file: "attacks.json",
          record: a.id,
          path: `perpetrators.${i}.by.${j}`,
          actor,
          citations: p.citations,
        })),
      ),
    ),
    ...figures.flatMap((g) =>
      g.values.flatMap((v, i) =>
        v.attributedTo.map((actor, j) => ({
          file: "figures.json",
          record: g.id,
          path: `values.${i}.attributedTo.${j}`,
          actor,
          citations: [v.citation],
        })),
      ),
    ),
  ];
}

/**
 * Whoever an entry says makes an attribution (`by`) or gives a number (`attributedTo`) must be
 * named in one of its quotes, by a name or alias the texts have, or be the outlet of a cited
 * article: "suspected according to Tore Hamming" needs a quote in which Hamming says it.
 */
export function creditsNotInQuotes(
  articles: ReadonlyMap<string, LoadedArticle>,
  actors: ReadonlyMap<string, Actor>,
  attacks: readonly Attack[],
  figures: readonly FigureGroup[],
): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  for (const c of credits(attacks, figures)) {
    const actor = actors.get(c.actor);
    // An unknown id is reported by the reference check.
    if (!actor) continue;
    const names = [actor.name, ...actor.aliases].map((n) => ` ${foldText(n)} `);
    const shown = c.citations.some(
      (cite) =>
        articles.get(cite.article)?.outletActor === actor.id ||
        names.some((n) => ` ${foldText(cite.quote)} `.includes(n)),
    );
    if (shown) continue;
    problems.push({
      code: "corpus.credit_not_in_quote",
      file: c.file,
      record: c.record,
      path: c.path,
      message: `"${actor.name}" is credited but no quote names it and no cited article is its outlet: cite the words in which it says so`,
    });
  }
  return problems;
}
