import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Pool } from "pg";
import { z } from "zod";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations/", import.meta.url));

/** A schema name safe to splice into SQL: PostgreSQL's unquoted identifiers, lower case. */
export const SchemaName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,47}$/, "must be lower-case letters, digits and _");

const Applied = z.array(z.object({ name: z.string() }));

/**
 * Applies migrations/*.sql in name order to `schema`, each once, recorded in its
 * schema_migrations table. An advisory lock makes processes that connect at once take turns, and
 * each migration commits with its record or not at all.
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith(".sql")).sort();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`factdesk:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SchemaName.parse(schema)}`);
    await client.query(`SET LOCAL search_path TO ${schema}`);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const applied = new Set(
      Applied.parse((await client.query("SELECT name FROM schema_migrations")).rows).map(
        (r) => r.name,
      ),
    );
    for (const file of files.filter((f) => !applied.has(f))) {
      await client.query(await readFile(`${MIGRATIONS_DIR}${file}`, "utf8"));
      await client.query("INSERT INTO schema_migrations (name) VALUES ($1)", [file]);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}
