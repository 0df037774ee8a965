import { performance } from "node:perf_hooks";
import { pino } from "pino";
import type { CorpusSnapshot } from "../src/core/snapshot.ts";
import { followCorpus } from "../src/corpus/follow.ts";
import { snapshotHolder } from "../src/corpus/holder.ts";
import { openCurrentVersion } from "../src/store/current.ts";
import { directoryCorpusStore } from "../src/store/directory-store.ts";
import { BENCH_CALLER, holderResponder } from "./responder.ts";

// One bot for bench/swap.ts, forked with an IPC channel: it serves the store's current version,
// follows it as the bot does, answers what the parent asks, and reports each swap and its memory.
export type ToBot = { type: "ask"; id: number; text: string } | { type: "memory" };
export type FromBot =
  | { type: "ready"; seq: number }
  | { type: "answer"; id: number; seq: number }
  | { type: "swapped"; seq: number; at: number; fetchMs: number }
  | { type: "memory"; rssMB: number; peakMB: number };

const send = (message: FromBot) => process.send?.(message);
const store = directoryCorpusStore(process.argv[2] as string);
// Nothing but the holder keeps the first snapshot, so after a swap the collector can free it.
const holder = await (async () => {
  const opened = await openCurrentVersion(store, "");
  if (!opened.ok) throw new Error(opened.error);
  return snapshotHolder(opened.value.snapshot);
})();
const seqOf = (snapshot: CorpusSnapshot) => snapshot.release?.seq ?? 0;
// The fetch timed apart from the open, to tell reading the store from parsing and indexing.
let fetchMs = 0;
followCorpus({
  store: {
    ...store,
    async get(seq, options) {
      const start = performance.now();
      const got = await store.get(seq, options);
      fetchMs = performance.now() - start;
      return got;
    },
  },
  holder: {
    current: () => holder.current(),
    replace(next) {
      holder.replace(next);
      send({ type: "swapped", seq: seqOf(next), at: Date.now(), fetchMs });
    },
  },
  log: pino({ level: "silent" }),
});
const responder = holderResponder(holder);

const MB = 2 ** 20;
let peak = 0;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 20).unref();

process.on("message", async (message: ToBot) => {
  if (message.type === "ask") {
    const { seq } = await responder.answer({ caller: BENCH_CALLER, input: { text: message.text } });
    send({ type: "answer", id: message.id, seq: seq ?? 0 });
  } else {
    global.gc?.();
    send({ type: "memory", rssMB: process.memoryUsage.rss() / MB, peakMB: peak / MB });
    peak = 0;
  }
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready", seq: seqOf(holder.current()) });
