// One bot for bench/swap.ts, forked with an IPC channel. Plain JavaScript on the compiled dist/,
// so its memory is a production bot's: run through tsx it held about 35 MB more. It serves the
// store's current version, follows it as the bot does, answers what the parent asks, and reports
// each swap and its memory. Messages: see FromBot and ToBot in swap.ts.
import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { responderFor } from "../dist/compose.js";
import { followCorpus } from "../dist/corpus/follow.js";
import { snapshotHolder } from "../dist/corpus/holder.js";
import { textsPacked } from "../dist/corpus/packed-text.js";
import { releaseGarbage } from "../dist/garbage.js";
import { openCurrentVersion } from "../dist/store/current.js";
import { directoryCorpusStore } from "../dist/store/directory-store.js";
import { settledRssMB } from "./settled-memory.mjs";

const send = (message) => process.send?.(message);
const log = pino({ level: "silent" });
const store = directoryCorpusStore(process.argv[2]);
// Nothing but the holder keeps the first snapshot, so after a swap the collector can free it.
const holder = await (async () => {
  const opened = await openCurrentVersion(store, "");
  if (!opened.ok) throw new Error(opened.error);
  // What openCorpus does once the version is open and its texts packed, without the wait for a
  // lull: the bench measures memory next.
  await textsPacked();
  releaseGarbage();
  return snapshotHolder(opened.value.snapshot);
})();
const seqOf = (snapshot) => snapshot.release?.seq ?? 0;
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
  log,
});
// Composed as every entry point composes its responder, digests aside.
const responder = responderFor(
  holder,
  { app: { DIGEST_TIMEZONE: "UTC" } },
  { unavailable: "not in the benchmark" },
  log,
  null,
);
const caller = {
  platform: "bench",
  workspaceId: "W",
  channelId: "C",
  userId: "U",
  canManage: async () => false,
};

const MB = 2 ** 20;
let peak = 0;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 20).unref();

process.on("message", async (message) => {
  if (message.type === "ask") {
    const { seq } = await responder.answer({ caller, input: { text: message.text } });
    send({ type: "answer", id: message.id, seq: seq ?? 0 });
  } else if (message.type === "memory") {
    // Collected as the bot collects after a swap, or as the bot left itself.
    const rssMB = await settledRssMB(message.collect ? releaseGarbage : undefined);
    send({ type: "memory", rssMB, peakMB: peak / MB });
    peak = 0;
  }
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready", seq: seqOf(holder.current()) });
