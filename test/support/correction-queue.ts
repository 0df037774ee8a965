import type { queueCorrections } from "../../src/digests/corrections.ts";

/** A stand-in for the digest queue that keeps the subscription id of each correction job queued. */
export function correctionQueue() {
  const queued: string[] = [];
  const queue = {
    addBulk: async (jobs: Array<{ data: { subscriptionId: string } }>) => {
      queued.push(...jobs.map((j) => j.data.subscriptionId));
      return [];
    },
  } as unknown as Parameters<typeof queueCorrections>[0]["queue"];
  return { queue, queued };
}
