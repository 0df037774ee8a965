import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { RawCorpusFiles } from "../core/corpus/types.ts";
import type { CorpusSource } from "../ports/corpus-source.ts";

/** The bundled corpus shipped in the repository's data/ folder. */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

/** The JSON files of a data directory: the one list every reader and writer of the layout uses. */
export const JSON_FILES = [
  "articles.json",
  "actors.json",
  "relations.json",
  "attacks.json",
  "events.json",
  "figures.json",
  "qualifiers.json",
  "questions.json",
  "hedges.json",
] as const;

/** The raw text of an article, where a data directory keeps it. */
const textPath = (dir: string, id: string) => `${dir}/articles/${id}.raw.txt`;

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

/**
 * Files kept elsewhere (a store) as the corpus's files: every JSON file the layout has, a missing
 * one as null so validation names it, and none the layout does not have.
 */
export function asCorpusFiles(
  json: Readonly<Record<string, string | null>>,
  texts: RawCorpusFiles["texts"],
): RawCorpusFiles {
  const known = Object.fromEntries(JSON_FILES.map((name) => [name, json[name] ?? null]));
  return { json: known as RawCorpusFiles["json"], texts };
}

/** Reads every data file; a missing one reads as null so validation reports it by name. */
export async function readCorpusFiles(dir: string = BUNDLED_DATA_DIR): Promise<RawCorpusFiles> {
  const entries = await Promise.all(
    JSON_FILES.map(async (name) => [name, await readOrNull(`${dir}/${name}`)] as const),
  );
  const json = Object.fromEntries(entries) as RawCorpusFiles["json"];
  let ids: string[] = [];
  try {
    const articles: unknown = JSON.parse(json["articles.json"] ?? "[]");
    if (Array.isArray(articles)) {
      ids = articles.map((a) => a?.id).filter((id): id is string => typeof id === "string");
    }
  } catch {
    // validation reports the broken JSON with its position
  }
  // Thousands of small files read faster one after another than as thousands of promises.
  const texts: RawCorpusFiles["texts"] = {};
  for (const id of ids) {
    try {
      texts[id] = readFileSync(textPath(dir, id), "utf8");
    } catch {
      texts[id] = null;
    }
  }
  return { json, texts };
}

/** Writes files laid out as data/ is, the inverse of readCorpusFiles; missing files are skipped. */
export async function writeCorpusFiles(dir: string, files: RawCorpusFiles): Promise<void> {
  await mkdir(`${dir}/articles`, { recursive: true });
  for (const [name, text] of Object.entries(files.json)) {
    if (text !== null) await writeFile(`${dir}/${name}`, text);
  }
  for (const [id, text] of Object.entries(files.texts)) {
    if (text !== null) await writeFile(textPath(dir, id), text);
  }
}

/** The corpus in a data directory laid out as data/ is. */
export function directorySource(dir: string = BUNDLED_DATA_DIR): CorpusSource {
  return { name: dir, read: () => readCorpusFiles(dir) };
}
