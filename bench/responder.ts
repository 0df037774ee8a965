import { pino } from "pino";
import type { Caller } from "../src/commands/command.ts";
import { createResponder, type Responder } from "../src/commands/responder.ts";
import type { CorpusSnapshot } from "../src/core/snapshot.ts";

/** The responder every platform uses, offline like the shell: what the benchmarks answer through. */
export function offlineResponder(snapshot: CorpusSnapshot): Responder {
  return holderResponder({ current: () => snapshot });
}

/** The same, reading whatever snapshot the holder hands out now, as a process following the store. */
export function holderResponder(snapshots: { current(): CorpusSnapshot }): Responder {
  return createResponder({
    snapshots,
    services: {
      digests: null,
      history: null,
      digestsUnavailable: "not in the benchmark",
      defaultTimeZone: "UTC",
      now: Date.now,
    },
    log: pino({ level: "silent" }),
  });
}

export const BENCH_CALLER: Caller = {
  platform: "bench",
  workspaceId: "W",
  channelId: "C",
  userId: "U",
  canManage: async () => false,
};
