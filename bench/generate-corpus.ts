import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { statedNumbers } from "../src/core/figures/parse.ts";
import { BUNDLED_DATA_DIR } from "../src/corpus/files.ts";

/** Deterministic pseudo-random numbers (mulberry32), so every run generates the same archive. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchQueries {
  actorNames: string[];
  figureTopics: string[];
  searchQueries: string[];
}

/** Queries for a generated archive: its own actor names and figure topics, and word pairs. */
export async function benchQueries(dir: string, seed = 7): Promise<BenchQueries> {
  const rand = random(seed);
  const read = async (name: string) => JSON.parse(await readFile(join(dir, name), "utf8"));
  const actors = (await read("actors.json")) as Array<{ name: string }>;
  const figures = (await read("figures.json")) as Array<{ topics: string[] }>;
  const words = actors.flatMap((a) => a.name.split(" ").slice(0, 2));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  return {
    actorNames: Array.from({ length: 200 }, () => pick(actors).name),
    figureTopics: Array.from({ length: 200 }, () => pick(figures).topics[0] as string),
    searchQueries: Array.from({ length: 200 }, () => `${pick(words)} ${pick(words)}`),
  };
}

/**
 * Writes an archive of `articles` synthetic articles, laid out like data/, drawn from the bundled
 * corpus's vocabulary with its word frequencies, plus actors, attacks and figures whose every quote
 * really occurs in the generated text, so the archive passes the same check as the real one. The
 * bundled corpus is copied in beside them, question words included.
 */
export async function generateCorpus(
  dir: string,
  { articles = 10_000, paragraphs = 40, seed = 20240322 } = {},
): Promise<void> {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const real = JSON.parse(
    await readFile(join(BUNDLED_DATA_DIR, "articles.json"), "utf8"),
  ) as Array<{ id: string }>;
  const words: string[] = [];
  for (const a of real) {
    const text = await readFile(join(BUNDLED_DATA_DIR, "articles", `${a.id}.raw.txt`), "utf8");
    words.push(...(text.match(/[\p{L}\p{N}]+/gu) ?? []));
  }
  const sentence = (n: number) => {
    const out = Array.from({ length: n }, () => pick(words));
    const first = out[0] as string;
    out[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return `${out.join(" ")}.`;
  };

  await mkdir(join(dir, "articles"), { recursive: true });
  // The real corpus rides along, so questions written from it can be asked of the whole archive.
  const bundled = async (name: string) =>
    JSON.parse(await readFile(join(BUNDLED_DATA_DIR, name), "utf8")) as unknown[];
  for (const a of real) {
    const raw = await readFile(join(BUNDLED_DATA_DIR, "articles", `${a.id}.raw.txt`), "utf8");
    await writeFile(join(dir, "articles", `${a.id}.raw.txt`), raw);
  }
  const meta: Array<Record<string, unknown> & { id: string }> = [];
  const sentencesOf: string[][] = [];
  for (let i = 0; i < articles; i++) {
    const id = `gen-${String(i).padStart(5, "0")}`;
    const sentences: string[] = [];
    const body = Array.from({ length: paragraphs }, () => {
      const para = Array.from({ length: 3 + Math.floor(rand() * 3) }, () =>
        sentence(8 + Math.floor(rand() * 12)),
      );
      sentences.push(...para);
      return para.join(" ");
    }).join("\n\n");
    const text = `${body}\n`;
    sentencesOf.push(sentences);
    await writeFile(join(dir, "articles", `${id}.raw.txt`), text);
    meta.push({
      id,
      title: `Generated article ${i}`,
      titleSource: "editorial",
      outlet: `Outlet ${i % 50}`,
      outletConfidence: "certain",
      outletEvidence: "generated",
      author: null,
      published: {
        value: `20${10 + (i % 15)}-0${1 + (i % 9)}`,
        precision: "month",
        estimated: false,
      },
      language: "en",
      translatedFrom: null,
      url: null,
      originalFile: `${id}.txt`,
      sha256: createHash("sha256").update(text).digest("hex"),
      removals: [],
    });
  }
  const quote = () => {
    const article = Math.floor(rand() * articles);
    return { article: meta[article]?.id as string, quote: pick(sentencesOf[article] as string[]) };
  };

  const nActors = Math.max(10, articles / 10);
  const actors = Array.from({ length: nActors }, (_, i) => {
    const name = `${pick(words)} ${pick(words)} ${i}`;
    return {
      id: `actor-${i}`,
      name,
      kind: "organisation",
      nameReason: "generated",
      aliases: [],
      editorAliases: [`A${i}`, `${name} group`].map((alias) => ({
        name: alias,
        reason: "generated",
      })),
      summary: "Generated actor.",
      citations: [quote()],
      facts: Array.from({ length: 3 }, (_, j) => ({
        id: `actor-${i}-fact-${j}`,
        text: "Generated fact.",
        citations: [quote()],
      })),
    };
  });
  const relations = Array.from({ length: nActors }, (_, i) => ({
    id: `actor-${i}-rival-of-next`,
    subject: `actor-${i}`,
    type: "rival-of",
    object: `actor-${(i + 1) % nActors}`,
    citations: [quote()],
  }));
  const nFigures = Math.max(10, articles / 10);
  const figures = Array.from({ length: nFigures }, (_, i) => {
    const topic = `${pick(words)} ${pick(words)} count ${i}`;
    return {
      id: `figure-${i}`,
      measure: `Generated measure ${i}`,
      unit: "people",
      topics: [topic],
      about: { actors: [`actor-${i % nActors}`], attacks: [] },
      values: [100 + i, 90 + i].map((value, j) => {
        // The statement must occur in its quote, as the corpus check requires: take its opening.
        // Its number must be the one it states; random words state none, or a number of their own.
        const citation = quote();
        const text = citation.quote.split(" ").slice(0, 3).join(" ");
        const [stated] = statedNumbers(text);
        const amount = stated
          ? { low: stated.low, high: stated.high }
          : { value, derived: "generated" };
        return { id: `figure-${i}-${j}`, ...amount, qualifier: null, text, citation };
      }),
    };
  });
  const attacks = Array.from({ length: Math.max(5, articles / 20) }, (_, i) => ({
    id: `attack-${i}`,
    name: `Generated attack ${i}`,
    nameReason: "generated",
    aliases: [],
    date: { value: `20${10 + (i % 15)}`, precision: "year", estimated: false },
    place: { site: null, city: pick(words), region: null, country: pick(words) },
    kinds: ["armed-assault"],
    status: "carried-out",
    targets: [],
    perpetrators: [
      {
        id: `attack-${i}-perp`,
        actor: `actor-${i % nActors}`,
        status: "claimed",
        by: [],
        citations: [quote()],
      },
    ],
    casualties: { killed: `figure-${i % nFigures}`, injured: null },
    summary: "Generated attack.",
    citations: [quote()],
    facts: [],
  }));
  const files: Record<string, unknown> = {
    articles: [...real, ...meta],
    actors: [...(await bundled("actors.json")), ...actors],
    relations: [...(await bundled("relations.json")), ...relations],
    figures: [...(await bundled("figures.json")), ...figures],
    attacks: [...(await bundled("attacks.json")), ...attacks],
    events: await bundled("events.json"),
    qualifiers: await bundled("qualifiers.json"),
  };
  for (const [name, data] of Object.entries(files)) {
    await writeFile(join(dir, `${name}.json`), JSON.stringify(data));
  }
  for (const name of ["questions.json", "hedges.json"]) {
    await writeFile(join(dir, name), await readFile(join(BUNDLED_DATA_DIR, name), "utf8"));
  }
}
