import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { textsPacked } from "./corpus/packed-text.ts";

/*
 * V8 collects when it runs short of room, not when a process stops needing memory: a bot that
 * opened a version of 10,000 articles kept 458 MB resident for as long as it sat idle (watched
 * for 40 s), of which 293 MB was live, the rest the garbage of loading; one that swapped kept
 * the old snapshot's pages. After a snapshot goes live the process knows that much was just let
 * go, so it collects once. The collector is exposed the way Jest exposes it to its leak detector.
 */
let collect: (() => void) | null | undefined;

/**
 * Collects everything unreachable and hands the pages back: that takes a second full collection
 * right after the first (measured at 10,000 articles: one left the bot at 401 MB, two at 280 MB,
 * 142 ms for both). A runtime that will not expose the collector is left to collect on its own.
 */
export function releaseGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
  collect?.();
}

/** How a process tells it is between requests: under 5% busy over a quarter of a second. */
const IDLE_WINDOW_MS = 250;
const IDLE_UTILIZATION = 0.05;
/** A process never idle by then collects on its own, as it runs short of room. */
const GIVE_UP_MS = 60_000;
let waiting = false;

/**
 * releaseGarbage at the first moment the process is idle. A full collection stops everything:
 * right after a swap at 10,000 articles it held requests for 140 ms on a quiet machine and
 * 560 ms on a loaded one, so a serving process waits for a lull instead.
 */
export function releaseGarbageWhenIdle(): void {
  // One wait at a time: a burst of swaps makes one collection's worth of garbage.
  if (waiting) return;
  waiting = true;
  const started = performance.now();
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    if (busy < IDLE_UTILIZATION) releaseGarbage();
    if (busy < IDLE_UTILIZATION || performance.now() - started > GIVE_UP_MS) {
      clearInterval(timer);
      waiting = false;
    }
  }, IDLE_WINDOW_MS).unref();
}

/**
 * What a serving process does once a version is live: the texts it packs leave their plain copies
 * behind, so the collection waits for the packing, then for a lull.
 */
export function releaseGarbageOncePacked(): void {
  void textsPacked().then(releaseGarbageWhenIdle);
}
