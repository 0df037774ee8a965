import type { queueCorrections } from "../../src/digests/corrections.ts";

interface QueuedJob {
  name: string;
  data: { subscriptionId: string };
  opts?: { jobId?: string };
}

/**
 * A stand-in for the digest queue that keeps each correction job queued (`jobs`) and its
 * subscription id (`queued`).
 */
export function correctionQueue() {
  const jobs: QueuedJob[] = [];
  const queued: string[] = [];
  const queue = {
    addBulk: async (added: QueuedJob[]) => {
      jobs.push(...added);
      queued.push(...added.map((j) => j.data.subscriptionId));
      return [];
    },
  } as unknown as Parameters<typeof queueCorrections>[0]["queue"];
  return { queue, queued, jobs };
}
