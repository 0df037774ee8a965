import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
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

const ROOT = new URL("../../", import.meta.url).pathname;
const SPAWN_MS = 120_000;

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

/** A database of its own for a process that takes its store from CORPUS_STORE (schema "factdesk"). */
async function throwawayDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `fdtest_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new pg.Client(url);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    async drop() {
      const client = new pg.Client(url);
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The version a shell answer names ("(corpus v2 · published …)") in each answer printed so far. */
const versionsIn = (text: string) =>
  [...text.matchAll(/corpus v(\d+) ·/g)].map((m) => Number(m[1]));

describe("a bot process on the PostgreSQL store", () => {
  it(
    "answers from a version published after it started, without a restart",
    async () => {
      const database = await throwawayDatabase(pgSchemas.url());
      const { first, second } = await testDrafts();
      const publisher = await openPostgresStore({ url: database.url });
      handles.push(publisher);
      await publisher.publish(first, { parent: null, by: "ana", note: "" });
      // The shell is the bot with the terminal as its platform: same start-up, same follower.
      const shell = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", CORPUS_STORE: database.url, LOG_LEVEL: "info" },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let out = "";
      let logs = "";
      shell.stdout.on("data", (d) => {
        out += String(d);
      });
      shell.stderr.on("data", (d) => {
        logs += String(d);
      });
      const exited = new Promise((resolve) => shell.once("exit", resolve));
      try {
        const ask = async (seq: number) => {
          const before = versionsIn(out).length;
          shell.stdin.write("figure crocus death toll\n");
          return until(() => versionsIn(out)[before], `answer ${before + 1} (v${seq} expected)`);
        };
        expect(await ask(1)).toBe(1);
        const published = await publisher.publish(second, { parent: 1, by: "ben", note: "" });
        expect(published.ok).toBe(true);
        await until(
          () => (logs.includes('"msg":"corpus version swapped in"') ? true : undefined),
          "the process's swap",
        );
        expect(await ask(2)).toBe(2);
        expect(shell.exitCode).toBeNull();
      } finally {
        shell.stdin.end();
        await exited;
        await publisher.close();
        handles.splice(handles.indexOf(publisher), 1);
        await database.drop();
      }
    },
    SPAWN_MS,
  );
});
