import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openAuditLog } from "../../src/audit/open.ts";
import { openPostgresAuditLog } from "../../src/audit/postgres-log.ts";
import { auditLogContract } from "../ports/audit-log.contract.ts";

// Each trail is a schema of its own, dropped at the end, so test files never collide.
const run = `fdaudit_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
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

auditLogContract("postgres", async () => {
  const schema = `${run}_${schemas.length}`;
  schemas.push(schema);
  return openPostgresAuditLog({ url, schema });
});

describe("postgres audit log", () => {
  it("names AUDIT_STORE when the database does not answer", async () => {
    const opened = await openAuditLog(
      { kind: "postgres", url: "postgres://nobody@127.0.0.1:1/x" },
      "bot",
    );
    expect(opened).toMatchObject({ ok: false, error: { code: "service.unreachable" } });
    expect(opened.ok || opened.error.message).toContain("AUDIT_STORE");
  });
});
