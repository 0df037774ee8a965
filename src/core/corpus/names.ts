import { foldText } from "../text/normalize.ts";
import type { CorpusProblem } from "./problem.ts";
import type { Actor, Attack, Event } from "./schema.ts";
import type { LoadedArticle } from "./types.ts";

/**
 * Names shown as the sources' own must be theirs: every alias, and every canonical name without a
 * recorded reason, occurs in some article's cleaned text, folded for case, diacritics and
 * punctuation as look-ups fold. A name the editors add goes in editorAliases, with its reason.
 */
export function namesNotInTexts(
  articles: readonly LoadedArticle[],
  /** Each file name with its named records. */
  files: ReadonlyArray<readonly [string, ReadonlyArray<Actor | Attack | Event>]>,
): CorpusProblem[] {
  // Folded on first need: a corpus whose names are all marked never folds its texts.
  let texts: string[] | undefined;
  const inSomeText = (name: string) => {
    texts ??= articles.map((a) => ` ${foldText(a.text)} `);
    const key = ` ${foldText(name)} `;
    return texts.some((t) => t.includes(key));
  };
  const problems: CorpusProblem[] = [];
  for (const [file, records] of files) {
    for (const r of records) {
      if (!r.nameReason && !inSomeText(r.name)) {
        problems.push({
          code: "corpus.name_not_in_text",
          file,
          record: r.id,
          path: "name",
          message: `no article has the name "${r.name}": use the text's, or say why in nameReason`,
        });
      }
      r.aliases.forEach((alias, i) => {
        if (inSomeText(alias)) return;
        problems.push({
          code: "corpus.alias_not_in_text",
          file,
          record: r.id,
          path: `aliases.${i}`,
          message: `no article has the alias "${alias}": move it to editorAliases with a reason`,
        });
      });
    }
  }
  return problems;
}
