import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { validateCorpus } from "../../src/core/corpus/validate.ts";
import { buildSnapshot } from "../../src/core/snapshot.ts";
import { readCorpusFiles } from "../../src/corpus/files.ts";
import { queueCorrections } from "../../src/digests/corrections.ts";
import { digestDelivery } from "../../src/digests/deliver.ts";
import { CORRECT_JOB } from "../../src/digests/queue.ts";
import { memoryDigestStore } from "../../src/ports/digest-store.ts";
import { memoryPoster } from "../../src/ports/poster.ts";
import { subscription } from "../ports/digest-store.contract.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { type Json, withEdit } from "../support/corpus-edit.ts";

const SLOT = Date.UTC(2026, 2, 22, 7, 30);

describe("queueing corrections", () => {
  it("queues one job per channel owed a correction, once per version across callers", async () => {
    const v1 = await bundledSnapshot();
    const store = memoryDigestStore();
    const shown = subscription("C1");
    const quiet = subscription("C2");
    await store.save(shown);
    await store.save(quiet);
    const { deliver } = digestDelivery({
      snapshots: { current: () => v1 },
      store,
      posters: new Map([["test", memoryPoster("test")]]),
      unschedule: async () => {},
      log: pino({ level: "silent" }),
      now: () => SLOT,
    });
    await deliver(shown.id, SLOT, "job-1");
    const [group] = v1.corpus.figures.filter((g) => v1.judgementOf(g).verdict === "conflict");
    const opened = validateCorpus(
      withEdit(await readCorpusFiles(), "figures.json", (groups) => {
        ((groups.find((g) => g.id === group?.id) as Json).values as Json[]).pop();
      }),
    );
    if (!opened.ok) throw new Error("edited corpus invalid");
    const v2 = buildSnapshot(opened.value.corpus, undefined, {
      seq: 2,
      publishedAt: "2026-03-23T10:00:00Z",
      by: "desk",
      note: "withdrawn",
    });
    const queued: Array<{ name: string; data: unknown; opts?: { jobId?: string } }> = [];
    const queue = {
      addBulk: async (jobs: typeof queued) => {
        queued.push(...jobs);
        return [];
      },
    } as unknown as Parameters<typeof queueCorrections>[0]["queue"];
    expect(await queueCorrections({ store, queue }, v1)).toBe(0);
    expect(await queueCorrections({ store, queue }, v2)).toBe(1);
    expect(queued).toEqual([
      {
        name: CORRECT_JOB,
        data: { subscriptionId: shown.id, seq: 2 },
        opts: expect.objectContaining({ jobId: `fix|test|W1|C1|${v2.corpus.version}` }),
      },
    ]);
    // A second process seeing the same version, or one still on the older one, queues nothing.
    expect(await queueCorrections({ store, queue }, v2)).toBe(0);
    expect(await queueCorrections({ store, queue }, v1)).toBe(0);
    expect(queued).toHaveLength(1);
  });
});
