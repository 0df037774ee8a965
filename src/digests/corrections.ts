import type { Queue } from "bullmq";
import { channelShown, staleShown } from "../core/answers/digest.ts";
import type { CorpusSnapshot } from "../core/snapshot.ts";
import type { DigestStore } from "../ports/digest-store.ts";
import { CORRECT_JOB, type DigestJobData, JOB_OPTIONS } from "./queue.ts";

/**
 * Queues the corrections a corpus version owes: once per version across every process (the store's
 * marker moves for one caller only), one job per channel shown something the version revised or
 * withdrew, by a digest or a shared answer (a channel may have shares and no subscription). The
 * worker calls it on every tick; whatever swaps in a new snapshot may call it at once. Safe to
 * call again: a version already swept queues nothing, and each job's id names the version.
 */
export async function queueCorrections(
  deps: { store: DigestStore; queue: Pick<Queue<DigestJobData>, "addBulk"> },
  snapshot: CorpusSnapshot,
): Promise<number> {
  const { version } = snapshot.corpus;
  const seq = snapshot.release?.seq ?? 0;
  if (!(await deps.store.advanceCorrections(seq, version))) return 0;
  const subs = new Map((await deps.store.all()).map((sub) => [sub.id, sub]));
  const shares = new Map((await deps.store.allShared()).map((s) => [s.id, s.shown]));
  const owed = [...new Set([...subs.keys(), ...shares.keys()])].filter((id) => {
    // A paused subscription's channel is corrected too: pausing stops digests, not corrections.
    const sub = subs.get(id);
    const shown = channelShown(snapshot, sub?.lastDelivery?.shown ?? {}, shares.get(id) ?? {});
    return staleShown(snapshot, shown).length > 0;
  });
  await deps.queue.addBulk(
    owed.map((id) => ({
      name: CORRECT_JOB,
      data: { subscriptionId: id, seq },
      // BullMQ reserves ":" in custom job ids.
      opts: { ...JOB_OPTIONS, jobId: `fix|${id.replaceAll(":", "|")}|${version}` },
    })),
  );
  return owed.length;
}
