import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Charset, Index } from "flexsearch";
import MiniSearch from "minisearch";
import { loadPublishedCorpus } from "../src/core/corpus/validate.ts";
import { buildSearch, decodePrebuilt } from "../src/core/prebuilt.ts";
import { passageCount, passageSpan, searchIndex } from "../src/core/search/bm25.ts";
import { encodeSearchIndex } from "../src/core/search/persist.ts";
import { queryTerms, tokenize } from "../src/core/search/tokenize.ts";
import { buildSnapshot, type CorpusSnapshot } from "../src/core/snapshot.ts";
import { readCorpusFiles } from "../src/corpus/files.ts";
import { packText, textsPacked } from "../src/corpus/packed-text.ts";
import { releaseGarbage } from "../src/garbage.ts";
import { QUESTION_SET } from "../test/support/question-set.ts";
import { benchQueries } from "./generate-corpus.ts";
import { BENCH_CALLER, offlineResponder } from "./responder.ts";
import { settledRssMB } from "./settled-memory.mjs";
import { type Latency, measure, ms, row } from "./stats.ts";

/** Steady resident memory a bot may use at 10,000 articles: two snapshots fit side by side in a swap. */
const TARGET_RSS_MB = 300;

type Mode = "ours" | "flexsearch" | "minisearch" | "bot";

interface EngineFigures {
  buildMs: number;
  /** What holding the built index costs: heap and buffers after a full GC, minus before. */
  indexMB: number;
  rssMB: number;
  savedMB: number | null;
  search: Latency;
}

const mb = (bytes: number) => bytes / 2 ** 20;

function settle(): number {
  releaseGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

// Both libraries index our terms (folded, stop words out, stemmed), so every engine sees the
// same vocabulary and the comparison is of index structures, not of tokenisers.
const terms = (text: string) =>
  tokenize(text)
    .map((t) => t.term)
    .join(" ");

async function engine(
  mode: Mode,
  snapshot: CorpusSnapshot,
  queries: string[],
): Promise<EngineFigures> {
  const texts = Array.from({ length: passageCount(snapshot.search) }, (_, i) => {
    const span = passageSpan(snapshot.search, i);
    const article = span && snapshot.corpus.articles[span.article];
    return article ? article.text.slice(span.start, span.end) : "";
  });
  const before = settle();
  const start = performance.now();
  let search: (q: string) => unknown;
  let savedMB: number | null = null;
  if (mode === "ours") {
    // The snapshot holds ours already (loaded from its saved form): a rebuild times the build.
    buildSearch(snapshot.corpus);
    const index = snapshot.search;
    savedMB = mb(encodeSearchIndex(index).length);
    search = (q) => searchIndex(index, q, 5);
  } else if (mode === "flexsearch") {
    const flex = new Index({ tokenize: "strict", encoder: Charset.Exact });
    texts.forEach((t, i) => {
      flex.add(i, terms(t));
    });
    search = (q) => flex.search(queryTerms(q).join(" "), 5);
  } else {
    const mini = new MiniSearch<{ id: number; text: string }>({
      fields: ["text"],
      tokenize: (t) => t.split(" "),
    });
    mini.addAll(texts.map((t, id) => ({ id, text: terms(t) })));
    search = (q) => mini.search(queryTerms(q).join(" ")).slice(0, 5);
  }
  const buildMs = performance.now() - start;
  const after = settle();
  // MiniSearch answers in seconds at this size: fewer runs keep the bench in minutes.
  const [runs, warmup] = mode === "minisearch" ? [40, 5] : [2000, 100];
  const latency = await measure(queries, search, runs, warmup);
  const ours = mode === "ours";
  const oursMB = ours
    ? mb(
        [
          snapshot.search.spans,
          snapshot.search.offsets,
          snapshot.search.postings,
          snapshot.search.df,
          snapshot.search.lengths,
          snapshot.search.idf,
          snapshot.search.norms,
        ].reduce((s, a) => s + a.byteLength, 0),
      )
    : 0;
  return {
    buildMs,
    indexMB: ours ? oursMB : mb(after - before),
    rssMB: mb(process.memoryUsage().rss),
    savedMB,
    search: latency,
  };
}

/** A bot at rest after answering every kind of command once: what the process holds. */
async function bot(
  snapshot: CorpusSnapshot,
  queries: string[],
): Promise<{ rssMB: number; heapMB: number }> {
  const responder = offlineResponder(snapshot);
  const actor = snapshot.corpus.actors.at(-1)?.name ?? "iskp";
  const commands = [
    ...queries.slice(0, 20).map((q) => `search ${q}`),
    ...QUESTION_SET.map((c) => c.question),
    `actor ${actor}`,
    "figure crocus death toll",
    "attack crocus",
    "source taz",
    "sources",
    "timeline iskp",
    "disputes",
  ];
  for (const text of commands) await responder.answer({ caller: BENCH_CALLER, input: { text } });
  snapshot.statements();
  const heap = settle();
  return { rssMB: await settledRssMB(), heapMB: mb(heap) };
}

/**
 * The snapshot as a bot gets it from a published version: texts hashed and cleaned, the saved
 * index loaded, the quote checks not run again (they ran at publish; here, in run.ts's open).
 */
async function publishedSnapshot(dir: string, cache: string): Promise<CorpusSnapshot> {
  const loaded = loadPublishedCorpus(await readCorpusFiles(dir), undefined, packText);
  if (!loaded.ok) throw new Error(`corpus at ${dir} does not load`);
  const saved = await readFile(join(cache, `prebuilt-${loaded.value.version}.bin`));
  const prebuilt = decodePrebuilt(saved);
  if (!prebuilt) throw new Error(`no saved index for ${loaded.value.version} under ${cache}`);
  await textsPacked();
  return buildSnapshot(loaded.value, prebuilt);
}

async function child(mode: Mode, dir: string, cache: string): Promise<void> {
  const snapshot = await publishedSnapshot(dir, cache);
  const { searchQueries } = await benchQueries(dir);
  const out =
    mode === "bot"
      ? await bot(snapshot, searchQueries)
      : await engine(mode, snapshot, searchQueries);
  console.log(JSON.stringify(out));
}

const SELF = new URL(import.meta.url).pathname;
const TSX = new URL("../node_modules/.bin/tsx", import.meta.url).pathname;

function inChild<T>(mode: Mode, dir: string, cache: string, flags: string[] = []): T {
  const out = execFileSync(TSX, [...flags, SELF, mode, dir, cache], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").pop() as string) as T;
}

/**
 * Ours against FlexSearch and MiniSearch on the same passages and queries, each engine in a
 * fresh process so one's garbage does not count against another, and the steady resident memory
 * of a bot-like process next to its target. The saved index under `cache` must exist.
 */
export function compareSearch(dir: string, cache: string): string[] {
  const lines = [
    "Search index at this size: ours vs FlexSearch vs MiniSearch (each in its own process)",
  ];
  for (const [mode, name] of [
    ["ours", "ours (BM25, compressed postings)"],
    ["flexsearch", "FlexSearch 0.8 (strict, our terms)"],
    ["minisearch", "MiniSearch 7 (BM25+, our terms)"],
  ] as const) {
    const f = inChild<EngineFigures>(mode, dir, cache);
    lines.push(
      `  ${name.padEnd(36)} build ${ms(f.buildMs).padStart(10)}   index ${f.indexMB.toFixed(0).padStart(4)} MB${f.savedMB === null ? "" : ` (saved ${f.savedMB.toFixed(0)} MB)`}   process RSS ${f.rssMB.toFixed(0)} MB`,
      row(`  ${mode} search (top 5)`, f.search),
    );
  }
  // V8 grows the young generation to 16 MB semi-spaces under load; capping them is the single
  // largest cut in resident memory measured, so both figures are printed.
  for (const flags of [[], ["--max-semi-space-size=2"]]) {
    const steady = inChild<{ rssMB: number; heapMB: number }>("bot", dir, cache, flags);
    lines.push(
      `  bot at rest under tsx (about 35 MB over node dist/), every command answered once${flags.length ? ` (${flags.join(" ")})` : ""}`,
      `    RSS ${steady.rssMB.toFixed(0)} MB (the ${TARGET_RSS_MB} MB target is read on node dist/, in the swap below), heap + buffers ${steady.heapMB.toFixed(0)} MB`,
    );
  }
  return lines;
}

if (process.argv[1] === SELF) {
  const [mode, dir, cache] = process.argv.slice(2) as [Mode, string, string];
  await child(mode, dir, cache);
}
