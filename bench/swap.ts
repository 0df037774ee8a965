import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadPublishedCorpus } from "../src/core/corpus/validate.ts";
import { buildPrebuilt, decodePrebuilt, encodePrebuilt } from "../src/core/prebuilt.ts";
import { readCorpusFiles } from "../src/corpus/files.ts";
import type { Draft } from "../src/ports/corpus-store.ts";
import { directoryCorpusStore } from "../src/store/directory-store.ts";
import { reworded } from "../test/support/drafts.ts";
import { benchQueries } from "./generate-corpus.ts";
import { summarise } from "./stats.ts";

/** What bench/swap-bot.mjs is told, and tells back. */
type ToBot = { type: "ask"; id: number; text: string } | { type: "memory"; collect: boolean };
type FromBot =
  | { type: "ready"; seq: number }
  | { type: "answer"; id: number; seq: number }
  | { type: "swapped"; seq: number; at: number; fetchMs: number }
  | { type: "memory"; rssMB: number; peakMB: number };

const BOT = new URL("./swap-bot.mjs", import.meta.url).pathname;
const BUILD = new URL("../scripts/build.mjs", import.meta.url).pathname;
const STEADY_ANSWERS = 400;
/** How long answers keep coming after both bots swapped, still counted as during the swap. */
const AFTER_SWAP_MS = 1000;
/** Long enough for a bot to see a lull in requests (src/garbage.ts) and collect. */
const LULL_MS = 1000;
/** How long memory may take to come back to steady after the swap. */
const SETTLE_MS = 30_000;

interface Bot {
  child: ChildProcess;
  ask(text: string): Promise<number>;
  /** Resident memory now (after a full collection when `collect`) and the peak since last asked. */
  memory(collect: boolean): Promise<{ rssMB: number; peakMB: number }>;
  swappedTo(seq: number): Promise<{ at: number; fetchMs: number }>;
}

function startBot(storeDir: string): Promise<Bot> {
  const child = fork(BOT, [storeDir], {
    execArgv: [],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  let next = 0;
  const waiting = new Map<number, (seq: number) => void>();
  const swaps = new Map<number, { at: number; fetchMs: number }>();
  const swapWaiters: Array<() => void> = [];
  let memoryWaiter: ((m: { rssMB: number; peakMB: number }) => void) | null = null;
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`swap bot exited with ${code}`)));
    child.on("message", (message: FromBot) => {
      if (message.type === "answer") waiting.get(message.id)?.(message.seq);
      else if (message.type === "swapped") {
        swaps.set(message.seq, { at: message.at, fetchMs: message.fetchMs });
        for (const wake of swapWaiters.splice(0)) wake();
      } else if (message.type === "memory") memoryWaiter?.(message);
      else
        resolve({
          child,
          ask(text) {
            const id = ++next;
            return new Promise((done) => {
              waiting.set(id, (seq) => {
                waiting.delete(id);
                done(seq);
              });
              child.send({ type: "ask", id, text } satisfies ToBot);
            });
          },
          memory: (collect) =>
            new Promise((done) => {
              memoryWaiter = done;
              child.send({ type: "memory", collect } satisfies ToBot);
            }),
          async swappedTo(seq) {
            while (!swaps.has(seq)) await new Promise<void>((wake) => swapWaiters.push(wake));
            return swaps.get(seq) as { at: number; fetchMs: number };
          },
        });
    });
  });
}

/** Answers one after another until `stop`, each as [sent at, ms] (sequential, like one client). */
async function keepAsking(bot: Bot, queries: readonly string[], stop: () => boolean) {
  const samples: Array<{ at: number; ms: number }> = [];
  for (let i = 0; !stop(); i++) {
    const at = Date.now();
    const start = performance.now();
    await bot.ask(queries[i % queries.length] as string);
    samples.push({ at, ms: performance.now() - start });
  }
  return samples;
}

type Files = Awaited<ReturnType<typeof readCorpusFiles>>;

/**
 * A version with the base's articles and actors: its search index and mentions are the base's,
 * the mentions marked as this version's, as its publish would have worked them out.
 */
function sameArticles(base: Draft, files: Files): Draft {
  const loaded = loadPublishedCorpus(files);
  if (!loaded.ok) throw new Error("the reworded archive does not load");
  const built = decodePrebuilt(Buffer.from(base.content.index));
  if (!built?.mentions) throw new Error("the base version has no prebuilt mentions");
  const mentions = { ...built.mentions, version: loaded.value.version };
  const index = encodePrebuilt({ search: built.search, mentions });
  return { hash: loaded.value.version, content: { files, index } };
}

/**
 * The archive as a version: assembled and hashed as a loading process does, its index built as
 * publish builds it. The quote and alias checks are publish's, timed by corpus:publish, not here.
 */
function draft(files: Files): Draft {
  const loaded = loadPublishedCorpus(files);
  if (!loaded.ok) throw new Error(`the archive does not load: ${loaded.error[0]?.message}`);
  const index = encodePrebuilt(buildPrebuilt(loaded.value));
  return { hash: loaded.value.version, content: { files, index } };
}

const mb = (n: number) => `${n.toFixed(0)} MB`;

/**
 * A version published while two bot processes answer on the generated archive: how long until
 * both serve it, answer latency while they swap next to steady, their memory, and publish time.
 */
export async function benchSwap(archive: string): Promise<Record<string, string>> {
  // The bots run the compiled dist/: build it from the sources as they are now.
  execFileSync(process.execPath, [BUILD], { stdio: "inherit" });
  const dir = await mkdtemp(join(tmpdir(), "factdesk-bench-swap-"));
  const store = directoryCorpusStore(join(dir, "store"));
  const bots: Bot[] = [];
  try {
    const files = await readCorpusFiles(archive);
    const by = { by: "bench", note: "" };
    // The writer's part of a publish: the index built and the version written.
    const publishStart = performance.now();
    const checked = draft(files);
    const first = await store.publish(checked, { parent: null, ...by });
    if (!first.ok) throw new Error(first.error.message);
    const publishMs = performance.now() - publishStart;
    // The next version rewords one attack's summary: the articles, so the index, are the same,
    // which spares the benchmark a second run of every check on a loaded machine.
    const second = sameArticles(checked, reworded(files, "Revised in the swap benchmark."));

    bots.push(...(await Promise.all([startBot(join(dir, "store")), startBot(join(dir, "store"))])));
    const generated = await benchQueries(archive);
    const queries = [
      ...generated.searchQueries.slice(0, 50).map((q) => `search ${q}`),
      ...generated.actorNames.slice(0, 50).map((q) => `actor ${q}`),
      ...generated.figureTopics.slice(0, 50).map((q) => `figure ${q}`),
    ];
    for (const bot of bots) for (const q of queries) await bot.ask(q);
    const steady = await Promise.all(
      bots.map((bot) => {
        let n = 0;
        return keepAsking(bot, queries, () => n++ >= STEADY_ANSWERS);
      }),
    );
    const steadyMemory = await Promise.all(bots.map((b) => b.memory(true)));

    let stopped = false;
    const during = Promise.all(bots.map((bot) => keepAsking(bot, queries, () => stopped)));
    const writeStart = performance.now();
    const published = await store.publish(second, { parent: "current", ...by });
    if (!published.ok) throw new Error(published.error.message);
    const writeMs = performance.now() - writeStart;
    const current = Date.now();
    const swaps = await Promise.all(bots.map((b) => b.swappedTo(published.value.version.seq)));
    const swappedAt = swaps.map((s) => s.at);
    const lastSwap = Math.max(...swappedAt);
    await new Promise((r) => setTimeout(r, AFTER_SWAP_MS));
    stopped = true;
    const swapping = (await during)
      .flat()
      .filter((s) => s.at >= current && s.at <= lastSwap + AFTER_SWAP_MS);
    // As the bots left themselves: each collects at the first lull after its swap, unasked.
    await new Promise((r) => setTimeout(r, LULL_MS));
    const duringMemory = await Promise.all(bots.map((b) => b.memory(false)));
    // The collector hands pages back over seconds, not at once: wait until every bot is within
    // 5% of its steady memory, or give up after SETTLE_MS, and say how long it took.
    const settleStart = performance.now();
    let afterMemory = await Promise.all(bots.map((b) => b.memory(true)));
    const settled = () =>
      afterMemory.every((m, i) => m.rssMB <= (steadyMemory[i]?.rssMB ?? 0) * 1.05);
    while (!settled() && performance.now() - settleStart < SETTLE_MS) {
      await new Promise((r) => setTimeout(r, 1000));
      afterMemory = await Promise.all(bots.map((b) => b.memory(true)));
    }
    const settleS = (performance.now() - settleStart) / 1000;

    const steadyP99 = summarise(steady.flat().map((s) => s.ms)).p99;
    const swapP99 = summarise(swapping.map((s) => s.ms)).p99;
    const maxOf = (ms: Array<{ rssMB: number; peakMB: number }>, key: "rssMB" | "peakMB") =>
      Math.max(...ms.map((m) => m[key]));
    return {
      "publish: index built and written, checks aside (no target)": `${(publishMs / 1000).toFixed(1)} s (writing the next version alone ${(writeMs / 1000).toFixed(1)} s)`,
      "publish → both bots serving (target ≤ 2 s)": `${((lastSwap - current) / 1000).toFixed(2)} s (each: ${swappedAt.map((t) => `${((t - current) / 1000).toFixed(2)} s`).join(", ")}; fetching ${swaps.map((s) => `${(s.fetchMs / 1000).toFixed(2)} s`).join(", ")})`,
      "answer p99, steady": `${steadyP99.toFixed(2)} ms (${steady.flat().length} answers)`,
      [`answer p99, during the swap (target ≤ ${Math.max(2 * steadyP99, 20).toFixed(1)} ms)`]: `${swapP99.toFixed(2)} ms (${swapping.length} answers, max ${summarise(swapping.map((s) => s.ms)).max.toFixed(0)} ms)`,
      "resident memory, steady (worst bot; target ≤ 300 MB)": mb(maxOf(steadyMemory, "rssMB")),
      "resident memory, peak during the swap": mb(maxOf(duringMemory, "peakMB")),
      "resident memory, after the swap as the bots left it (no collection asked for)": mb(
        maxOf(duringMemory, "rssMB"),
      ),
      "resident memory, after (target: steady)": `${mb(maxOf(afterMemory, "rssMB"))} (${settled() ? `within 5% of steady ${settleS.toFixed(0)} s after` : `still above steady ${settleS.toFixed(0)} s after`})`,
    };
  } finally {
    for (const bot of bots) bot.child.disconnect();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
