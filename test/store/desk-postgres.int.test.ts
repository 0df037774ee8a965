import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { openPostgresDeskStore } from "../../src/store/desk-postgres.ts";
import { deskStoreContract } from "../ports/desk-store.contract.ts";

// Each backing store is a schema of its own, dropped at the end.
const run = `fddesk_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const schemas: string[] = [];
let url = "";

beforeAll(() => {
  const found = inject("postgres");
  if ("missing" in found) throw new Error(found.missing);
  url = found.url;
});
afterAll(async () => {
  if (!url) return;
  const client = new pg.Client(url);
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

deskStoreContract("postgres", async () => {
  const schema = `${run}_${schemas.length}`;
  schemas.push(schema);
  return () => openPostgresDeskStore({ url, schema });
});
