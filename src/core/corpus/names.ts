import { foldText } from "../text/normalize.ts";
import type { CorpusProblem } from "./problem.ts";
import type { Actor, Attack, Event } from "./schema.ts";
import type { LoadedArticle } from "./types.ts";

/** Each file name with its named records. */
export type NamedFiles = ReadonlyArray<readonly [string, ReadonlyArray<Actor | Attack | Event>]>;

/** Every named record, with the file it sits in. */
const named = (files: NamedFiles) =>
  files.flatMap(([file, records]) => records.map((r) => ({ file, r })));

/** Whether a name occurs in some article's text, folded for case, diacritics and punctuation. */
export type InSomeText = (name: string) => boolean;

/**
 * Which of the files' names (canonical, aliases, editors' aliases) occur in some article's folded
 * text, found in one pass over the texts: each word of a text is looked up among the names' first
 * words. Searching every text once per name took 19 s at 2,000 articles.
 */
export function namesInTexts(articles: readonly LoadedArticle[], files: NamedFiles): InSomeText {
  const byFirst = new Map<string, string[][]>();
  for (const { r } of named(files)) {
    for (const name of [r.name, ...r.aliases, ...r.editorAliases.map((a) => a.name)]) {
      const words = foldText(name).split(" ");
      const first = words[0] as string;
      if (first === "") continue;
      const list = byFirst.get(first);
      if (list) list.push(words);
      else byFirst.set(first, [words]);
    }
  }
  const found = new Set<string>();
  for (const article of articles) {
    const words = foldText(article.text).split(" ");
    words.forEach((word, at) => {
      for (const name of byFirst.get(word) ?? []) {
        if (name.every((w, i) => words[at + i] === w)) found.add(name.join(" "));
      }
    });
  }
  return (name) => found.has(foldText(name));
}

/**
 * Names shown as the sources' own must be theirs: every alias, and every canonical name without a
 * recorded reason, occurs in some article's cleaned text, folded for case, diacritics and
 * punctuation as look-ups fold. A name the editors add goes in editorAliases, with its reason.
 */
export function namesNotInTexts(inSomeText: InSomeText, files: NamedFiles): CorpusProblem[] {
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
export function editorAliasesInTexts(inSomeText: InSomeText, files: NamedFiles): CorpusProblem[] {
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
