import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { followCorpus } from "../../src/corpus/follow.ts";
import { snapshotHolder } from "../../src/corpus/holder.ts";
import { openStoredVersion } from "../../src/corpus/open.ts";
import type { CorpusStore } from "../../src/ports/corpus-store.ts";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import { testDrafts } from "../support/drafts.ts";
import { throwawaySchemas } from "../support/postgres-schemas.ts";
import { until } from "../support/until.ts";

// A schema of its own, dropped at the end, so it never meets another test's versions.
const pgSchemas = throwawaySchemas("fdtest");
const schema = pgSchemas.schema("follow");
const handles: CorpusStore[] = [];

afterAll(async () => {
  for (const handle of handles) await handle.close();
});

const open = async () => {
  const store = await openPostgresStore({ url: pgSchemas.url(), schema });
  handles.push(store);
  return store;
};

describe("following the PostgreSQL store", () => {
  it("swaps in a version another process published, announced by NOTIFY", async () => {
    const { first, second } = await testDrafts();
    const publisher = await open();
    await publisher.publish(first, { parent: null, by: "ana", note: "" });
    const reader = await open();
    const current = await reader.current();
    if (!current.ok || !current.value) throw new Error("nothing published");
    const opened = openStoredVersion(current.value);
    if (!opened.ok) throw new Error(opened.error.message);
    const holder = snapshotHolder(opened.value.snapshot);
    const follower = followCorpus({ store: reader, holder, log: pino({ level: "silent" }) });
    await publisher.publish(second, { parent: 1, by: "ben", note: "reworded" });
    await until(() => (follower.status().seq === 2 ? true : undefined), "the swap");
    expect(holder.current().corpus.version).toBe(second.hash);
    expect(holder.current().release).toMatchObject({ seq: 2, by: "ben", note: "reworded" });
    expect(follower.status()).toEqual({ seq: 2, hash: second.hash });
    follower.stop();
  });
});
