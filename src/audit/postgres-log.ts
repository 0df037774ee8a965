import pg from "pg";
import { z } from "zod";
import { type AuditEntry, type AuditLog, AuditEntry as Entry } from "../ports/audit-log.ts";
import { migrate, SchemaName } from "../store/migrate.ts";

const COLUMNS =
  "at, kind, platform, workspace, channel, user_id, text, understood, command, code, corpus_version, statements, message_id, process";

// Rows are checked at the boundary like any other input.
const Row = z.object({
  at: z.date(),
  kind: z.string(),
  platform: z.string(),
  workspace: z.string(),
  channel: z.string(),
  user_id: z.string().nullable(),
  text: z.string().nullable(),
  understood: z.unknown(),
  command: z.string().nullable(),
  code: z.string(),
  corpus_version: z.string(),
  statements: z.array(z.string()),
  message_id: z.string().nullable(),
  process: z.string(),
});

function entryOf(row: unknown): AuditEntry | null {
  const r = Row.safeParse(row);
  if (!r.success) return null;
  const d = r.data;
  const parsed = Entry.safeParse({
    at: d.at.toISOString(),
    kind: d.kind,
    platform: d.platform,
    workspace: d.workspace,
    channel: d.channel,
    user: d.user_id,
    text: d.text,
    understood: d.understood ?? null,
    command: d.command,
    code: d.code,
    corpusVersion: d.corpus_version,
    statements: d.statements,
    messageId: d.message_id,
    process: d.process,
  });
  return parsed.success ? parsed.data : null;
}

/** The audit trail as a table in PostgreSQL (migrations/003_audit_log.sql), in the store's schema. */
export async function openPostgresAuditLog(options: {
  url: string;
  schema?: string;
}): Promise<AuditLog> {
  const schema = SchemaName.parse(options.schema ?? "factdesk");
  const pool = new pg.Pool({
    connectionString: options.url,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 5000,
    allowExitOnIdle: true,
  });
  pool.on("error", () => {});
  try {
    await migrate(pool, schema);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return {
    name: `postgres schema ${schema}`,
    async record(entry) {
      const e = Entry.parse(entry);
      await pool.query(
        `INSERT INTO audit_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          e.at,
          e.kind,
          e.platform,
          e.workspace,
          e.channel,
          e.user,
          e.text,
          e.understood === null ? null : JSON.stringify(e.understood),
          e.command,
          e.code,
          e.corpusVersion,
          e.statements,
          e.messageId,
          e.process,
        ],
      );
    },
    async query({ since, channel, user }) {
      const { rows } = await pool.query(
        `SELECT ${COLUMNS} FROM audit_log WHERE at >= $1 AND ($2::text IS NULL OR channel = $2) AND ($3::text IS NULL OR user_id = $3) ORDER BY at, id`,
        [since, channel ?? null, user ?? null],
      );
      return rows.flatMap((row) => entryOf(row) ?? []);
    },
    async prune(before) {
      const { rowCount } = await pool.query("DELETE FROM audit_log WHERE at < $1", [before]);
      return rowCount ?? 0;
    },
    close: () => pool.end(),
  };
}
