import type { Queue } from "bullmq";
import { staleShown } from "../core/answers/digest.ts";
import type { CorpusSnapshot } from "../core/snapshot.ts";
import type { DigestStore } from "../ports/digest-store.ts";
import { CORRECT_JOB, type DigestJobData, JOB_OPTIONS } from "./queue.ts";

/**
 * Queues the corrections a corpus version owes: once per version across every process (the store's
 * marker moves for one caller only), one job per channel shown something the version revised or
 * withdrew. The worker calls it on every tick; whatever swaps in a new snapshot may call it at once.
 * Safe to call again: a version already swept queues nothing, and each job's id names the version.
 */
export async function queueCorrections(
  deps: { store: DigestStore; queue: Pick<Queue<DigestJobData>, "addBulk"> },
  snapshot: CorpusSnapshot,
): Promise<number> {
  const { version } = snapshot.corpus;
  const seq = snapshot.release?.seq ?? 0;
  if (!(await deps.store.advanceCorrections(seq, version))) return 0;
  const owed = (await deps.store.all()).filter(
    (sub) => !sub.paused && staleShown(snapshot, sub.lastDelivery?.shown ?? {}).length > 0,
  );
  await deps.queue.addBulk(
    owed.map((sub) => ({
      name: CORRECT_JOB,
      data: { subscriptionId: sub.id, seq },
      // BullMQ reserves ":" in custom job ids.
      opts: { ...JOB_OPTIONS, jobId: `fix|${sub.id.replaceAll(":", "|")}|${version}` },
    })),
  );
  return owed.length;
}
