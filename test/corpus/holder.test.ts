import { pino } from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { createResponder } from "../../src/commands/responder.ts";
import { buildSnapshot, type CorpusSnapshot } from "../../src/core/snapshot.ts";
import { snapshotHolder } from "../../src/corpus/holder.ts";
import { type DigestService, memoryDigestService } from "../../src/ports/digest-service.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { testCaller } from "../support/responder.ts";

/** The bundled snapshot under another version, as a newly published corpus would arrive. */
function republished(snapshot: CorpusSnapshot, version: string): CorpusSnapshot {
  return buildSnapshot({ ...snapshot.corpus, version }, { search: snapshot.search });
}

describe("snapshotHolder", () => {
  let first: CorpusSnapshot;
  beforeAll(async () => {
    first = await bundledSnapshot();
  });

  it("hands out the current snapshot until it is replaced", () => {
    const holder = snapshotHolder(first);
    expect(holder.current()).toBe(first);
    const next = republished(first, "next-version");
    holder.replace(next);
    expect(holder.current()).toBe(next);
  });

  it("a request answers from the snapshot it read when it began, though a new one arrives meanwhile", async () => {
    const holder = snapshotHolder(first);
    let release = () => {};
    const waiting = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A digest service that holds the request until the test has published a new version.
    const memory = memoryDigestService();
    const digests: DigestService = {
      ...memory,
      forChannel: async (channel) => {
        await waiting;
        return memory.forChannel(channel);
      },
    };
    const responder = createResponder({
      snapshots: holder,
      services: {
        digests,
        history: null,
        digestsUnavailable: "",
        defaultTimeZone: "UTC",
        now: Date.now,
      },
      log: pino({ level: "silent" }),
    });
    const slow = responder.answer({ caller: testCaller(), input: { text: "digest preview" } });
    holder.replace(republished(first, "next-version"));
    release();
    expect((await slow).reply.corpusVersion).toBe(first.corpus.version);
    const later = await responder.answer({ caller: testCaller(), input: { text: "help" } });
    expect(later.reply.corpusVersion).toBe("next-version");
  });
});
