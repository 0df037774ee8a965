import { readdir } from "node:fs/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPostgresDeskStore } from "../../src/store/desk-postgres.ts";
import { openCorpusStore } from "../../src/store/open-store.ts";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import { corpusStoreContract } from "../ports/corpus-store.contract.ts";
import { deskStoreContract } from "../ports/desk-store.contract.ts";
import { throwawaySchemas } from "../support/postgres-schemas.ts";

// Each backing store is a schema of its own, dropped at the end, so test files never collide.
const pgSchemas = throwawaySchemas("fdtest");

corpusStoreContract("postgres", async () => {
  const schema = pgSchemas.schema();
  return (options) => openPostgresStore({ url: pgSchemas.url(), schema, ...options });
});

// The desk's accounts, sessions, drafts and history live in the same schema (migration 002).
deskStoreContract("postgres", async () => {
  const schema = pgSchemas.schema();
  return () => openPostgresDeskStore({ url: pgSchemas.url(), schema });
});

describe("postgres corpus store", () => {
  it("names CORPUS_STORE when the database does not answer", async () => {
    const opened = await openCorpusStore({
      kind: "postgres",
      url: "postgres://nobody@127.0.0.1:1/x",
    });
    expect(opened).toMatchObject({ ok: false, error: { code: "service.unreachable" } });
    expect(opened.ok || opened.error.message).toContain("CORPUS_STORE");
  });

  it("applies its migrations once, however many processes connect at once", async () => {
    const schema = pgSchemas.schema("migrate");
    const stores = await Promise.all(
      [1, 2, 3].map(() => openPostgresStore({ url: pgSchemas.url(), schema })),
    );
    const client = new pg.Client(pgSchemas.url());
    await client.connect();
    const { rows } = await client.query(`SELECT name FROM ${schema}.schema_migrations`);
    await client.end();
    for (const store of stores) await store.close();
    const files = (await readdir(new URL("../../migrations/", import.meta.url)))
      .filter((f) => f.endsWith(".sql"))
      .sort();
    expect(rows.map((r) => r.name).sort()).toEqual(files);
    expect(files).toContain("001_corpus_store.sql");
  });

  it("keeps each article text once however many versions hold it", async () => {
    const schema = pgSchemas.schema("texts");
    const { testDrafts } = await import("../support/drafts.ts");
    const drafts = await testDrafts();
    const store = await openPostgresStore({ url: pgSchemas.url(), schema });
    await store.publish(drafts.first, { parent: null, by: "a", note: "" });
    await store.publish(drafts.second, { parent: 1, by: "a", note: "" });
    const client = new pg.Client(pgSchemas.url());
    await client.connect();
    const texts = await client.query(`SELECT count(*)::int AS n FROM ${schema}.corpus_text`);
    const links = await client.query(
      `SELECT count(*)::int AS n FROM ${schema}.corpus_version_text`,
    );
    await client.end();
    await store.close();
    const articles = Object.keys(drafts.first.content.files.texts).length;
    expect(texts.rows[0]).toEqual({ n: articles });
    expect(links.rows[0]).toEqual({ n: articles * 2 });
  });
});
