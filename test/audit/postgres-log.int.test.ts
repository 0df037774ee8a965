import { describe, expect, it } from "vitest";
import { openAuditLog } from "../../src/audit/open.ts";
import { openPostgresAuditLog } from "../../src/audit/postgres-log.ts";
import { auditLogContract } from "../ports/audit-log.contract.ts";
import { throwawaySchemas } from "../support/postgres-schemas.ts";

// Each trail is a schema of its own, dropped at the end, so test files never collide.
const pgSchemas = throwawaySchemas("fdaudit");

auditLogContract("postgres", async () =>
  openPostgresAuditLog({ url: pgSchemas.url(), schema: pgSchemas.schema() }),
);

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
