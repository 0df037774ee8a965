import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { RawCorpusFiles } from "../core/corpus/types.ts";
import type { CorpusSource } from "../ports/corpus-source.ts";

/** The bundled corpus shipped in the repository's data/ folder. */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

const JSON_FILES = [
  "articles.json",
  "actors.json",
  "relations.json",
  "attacks.json",
  "figures.json",
  "qualifiers.json",
  "hedges.json",
] as const;

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
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
      texts[id] = readFileSync(`${dir}/articles/${id}.raw.txt`, "utf8");
    } catch {
      texts[id] = null;
    }
  }
  return { json, texts };
}

/** The corpus in a data directory laid out as data/ is. */
export function directorySource(dir: string = BUNDLED_DATA_DIR): CorpusSource {
  return { name: dir, read: () => readCorpusFiles(dir) };
}
