import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { CorpusSnapshot } from "../src/core/snapshot.ts";
import { BUNDLED_DATA_DIR } from "../src/corpus/files.ts";
import { openDataDir } from "../src/corpus/open.ts";
import { QUESTION_SET } from "../test/support/question-set.ts";
import { benchQueries, generateCorpus } from "./generate-corpus.ts";
import { benchQuestions } from "./questions.ts";
import { BENCH_CALLER, offlineResponder } from "./responder.ts";
import { measure, ms, row } from "./stats.ts";
import { benchSuggest } from "./suggest.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "10000" },
    "skip-search-compare": { type: "boolean", default: false },
    "skip-adapters": { type: "boolean", default: false },
    "skip-digests": { type: "boolean", default: false },
    "suggest-details": { type: "boolean", default: false },
    "skip-swap": { type: "boolean", default: false },
  },
});

const TSX = new URL("../node_modules/.bin/tsx", import.meta.url).pathname;
const STARTUP = new URL("./startup.ts", import.meta.url).pathname;

/** `checked`: the generated archive, loaded as a published version is (its checks cost minutes). */
function startup(
  dir: string,
  cache: string,
  checked = false,
): { ms: number; packedMs: number; rssMB: number } {
  const args = [STARTUP, dir, cache, ...(checked ? ["checked"] : [])];
  const out = execFileSync(TSX, args, { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop() as string);
}

async function open(dir: string, cache: string | null, checked = false) {
  const result = await openDataDir(dir, cache, checked);
  if (!result.ok) throw new Error(`corpus at ${dir} fails its check`);
  return result.value;
}

/** Typed text → reply through the responder every platform uses. */
function answerer(snapshot: CorpusSnapshot) {
  const responder = offlineResponder(snapshot);
  return (text: string) => responder.answer({ caller: BENCH_CALLER, input: { text } });
}

console.log("Factdesk benchmarks (latency per answer, in-process; start-up in a fresh process)\n");

console.log("Real corpus (data/)");
const real = await open(BUNDLED_DATA_DIR, null);
const realStart = startup(BUNDLED_DATA_DIR, "none");
const answerReal = answerer(real);
console.log(
  `  start-up (load + validate + index)  ${ms(realStart.ms)}, resident memory ${realStart.rssMB.toFixed(0)} MB`,
);
const KINDS: Record<string, string[]> = {
  help: ["help", "help figure"],
  actor: [
    "actor iskp",
    "actor rahmon",
    "actor taliban",
    "actor Islamic State Khorasan",
    "actor putin",
  ],
  attack: ["attack crocus", "attack kerman", "attack 2024-03-22", "attack bajaur"],
  figure: [
    "figure crocus death toll",
    "figure tajiks in russia",
    "figure isis-k fighters",
    "figure isis-k founded",
  ],
  search: [
    "search tajik migrants",
    "search amaq claim",
    "search taliban cooperation",
    "search kerman suicide",
  ],
  sources: ["sources"],
  source: ["source taz", "source asianews-vilayat-khorasan"],
  timeline: ["timeline", "timeline iskp"],
  disputes: ["disputes"],
  question: QUESTION_SET.map((c) => c.question),
  "not found (typo)": ["actor talibn", "attack krokuss", "figure tajks"],
  "bad input": ["atack crocus", "", `actor ${"x".repeat(600)}`],
};
for (const [kind, queries] of Object.entries(KINDS)) {
  console.log(row(kind, await measure(queries, answerReal, 5000, 500)));
}
for (const line of await benchQuestions(real)) console.log(line);

console.log("\nAnswer length over every record (shell lines before the sources; citations)");
const { answerLengths } = await import("./lengths.ts");
for (const line of await answerLengths(real, offlineResponder(real))) console.log(line);

benchSuggest(real, values["suggest-details"]);

const n = Number(values.articles);
// Versioned: an archive written by an older generator may not pass today's corpus check.
const genDir = join(tmpdir(), `factdesk-bench-v8-${n}`);
const cacheDir = join(genDir, ".index");
if (!existsSync(join(genDir, "figures.json"))) {
  console.log(`\nGenerating ${n} articles into ${genDir} …`);
  await generateCorpus(genDir, { articles: n });
}
const generated = await benchQueries(genDir);
await rm(cacheDir, { recursive: true, force: true });
console.log(`\nGenerated corpus: ${n} articles × 40 paragraphs (deterministic seed)`);
const cold = startup(genDir, cacheDir, true);
const warm = startup(genDir, cacheDir, true);
console.log(
  `  start-up, no saved index (builds it) ${ms(cold.ms)}, resident memory ${cold.rssMB.toFixed(0)} MB`,
);
console.log(
  `  start-up, saved index                ${ms(warm.ms)} (texts packed by ${ms(warm.packedMs)}), resident memory ${warm.rssMB.toFixed(0)} MB`,
);
const big = await open(genDir, cacheDir, true);
const answerBig = answerer(big);
const generatedQueries: Array<[string, string[]]> = [
  ["search", generated.searchQueries.map((q) => `search ${q}`)],
  ["actor", generated.actorNames.map((q) => `actor ${q}`)],
  ["figure", generated.figureTopics.map((q) => `figure ${q}`)],
];
for (const [kind, queries] of generatedQueries) {
  console.log(row(kind, await measure(queries, answerBig, 2000, 100)));
}
console.log(
  row(
    "question (answered)",
    await measure(
      QUESTION_SET.map((c) => c.question),
      answerBig,
      2000,
      100,
    ),
  ),
);
for (const line of await benchQuestions(big)) console.log(line);

if (!values["skip-search-compare"]) {
  const { compareSearch } = await import("./search-compare.ts");
  console.log("");
  for (const line of compareSearch(genDir, cacheDir)) console.log(line);
}

if (!values["skip-swap"]) {
  const { benchSwap } = await import("./swap.ts");
  printFigures(
    `Swap: a version published under two bot processes, ${n} articles`,
    await benchSwap(genDir),
  );
}

function printFigures(title: string, figures: Record<string, number | string>): void {
  console.log(`\n${title}`);
  for (const [name, value] of Object.entries(figures)) {
    console.log(
      `  ${name.padEnd(44)} ${typeof value === "number" ? value.toLocaleString("en-GB") : value}`,
    );
  }
}

{
  const { benchCliStart } = await import("./cli-start.ts");
  printFigures("Start-up to the first answer, fresh process each run", await benchCliStart());
}

if (!values["skip-adapters"]) {
  const { benchSlack } = await import("./slack.ts");
  printFigures(
    "Slack: signed request → ack through Bolt's receiver on loopback (ms)",
    await benchSlack(),
  );
  const { benchDiscord } = await import("./discord.ts");
  printFigures(
    "Discord: raw interaction → callback through discord.js on loopback (ms)",
    await benchDiscord(),
  );
}

if (!values["skip-adapters"]) {
  const { benchLoad } = await import("./load.ts");
  printFigures("Load: the running bot over loopback at a rising rate", await benchLoad());
}

if (!values["skip-digests"]) {
  const { benchDigests } = await import("./digests.ts");
  printFigures("Digests: one slot fanned out by 2 workers on Redis", await benchDigests());
}
