import { foldText } from "../text/normalize.ts";
import type { CorpusProblem } from "./problem.ts";
import type { Actor, Attack, Event } from "./schema.ts";
import type { LoadedArticle } from "./types.ts";

/** Each file name with its named records. */
export type NamedFiles = ReadonlyArray<readonly [string, ReadonlyArray<Actor | Attack | Event>]>;

/** Whether a name occurs in some article's folded text; the texts are folded on first need. */
function textIndex(articles: readonly LoadedArticle[]): (name: string) => boolean {
  let texts: string[] | undefined;
  return (name) => {
    texts ??= articles.map((a) => ` ${foldText(a.text)} `);
    const key = ` ${foldText(name)} `;
    return texts.some((t) => t.includes(key));
  };
}

/** Every named record, with the file it sits in. */
const named = (files: NamedFiles) =>
  files.flatMap(([file, records]) => records.map((r) => ({ file, r })));

/**
 * Names shown as the sources' own must be theirs: every alias, and every canonical name without a
 * recorded reason, occurs in some article's cleaned text, folded for case, diacritics and
 * punctuation as look-ups fold. A name the editors add goes in editorAliases, with its reason.
 */
export function namesNotInTexts(
  articles: readonly LoadedArticle[],
  files: NamedFiles,
): CorpusProblem[] {
  const inSomeText = textIndex(articles);
  const problems: CorpusProblem[] = [];
  for (const { file, r } of named(files)) {
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
  return problems;
}

/**
 * An editor's alias is for names no article has: one that some text does have is the sources'
 * own, and belongs with the plain aliases, shown as "Also known as".
 */
export function editorAliasesInTexts(
  articles: readonly LoadedArticle[],
  files: NamedFiles,
): CorpusProblem[] {
  const inSomeText = textIndex(articles);
  const problems: CorpusProblem[] = [];
  for (const { file, r } of named(files)) {
    r.editorAliases.forEach((alias, i) => {
      if (!inSomeText(alias.name)) return;
      problems.push({
        code: "corpus.editor_alias_in_text",
        file,
        record: r.id,
        path: `editorAliases.${i}`,
        message: `an article has "${alias.name}": make it a plain alias`,
      });
    });
  }
  return problems;
}
