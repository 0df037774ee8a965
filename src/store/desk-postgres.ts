import pg from "pg";
import { z } from "zod";
import { type DeskStore, deskStoreOn, STALE } from "../ports/desk-store.ts";
import { migrate, SchemaName } from "./migrate.ts";

const DocRow = z.object({ rev: z.number().int(), body: z.unknown() });
const BodyRow = z.object({ body: z.unknown() });

/** The desk store in PostgreSQL, next to the corpus store's tables in the same schema. */
export async function openPostgresDeskStore(options: {
  url: string;
  schema?: string;
}): Promise<DeskStore> {
  const schema = SchemaName.parse(options.schema ?? "factdesk");
  const pool = new pg.Pool({
    connectionString: options.url,
    options: `-c search_path=${schema}`,
    max: 4,
  });
  pool.on("error", () => {});
  await migrate(pool, schema);
  return deskStoreOn({
    name: `postgres schema ${schema} (desk)`,
    async get(collection, id) {
      const { rows } = await pool.query(
        "SELECT rev, body FROM desk_document WHERE collection = $1 AND id = $2",
        [collection, id],
      );
      const row = rows[0] === undefined ? null : DocRow.parse(rows[0]);
      return row && { rev: row.rev, value: row.body };
    },
    async list(collection) {
      const { rows } = await pool.query(
        "SELECT rev, body FROM desk_document WHERE collection = $1",
        [collection],
      );
      return z
        .array(DocRow)
        .parse(rows)
        .map((r) => ({ rev: r.rev, value: r.body }));
    },
    async put(collection, id, rev, value) {
      const body = JSON.stringify(value);
      const { rowCount } =
        rev === 0
          ? await pool.query(
              "INSERT INTO desk_document (collection, id, rev, body) VALUES ($1, $2, 1, $3) ON CONFLICT DO NOTHING",
              [collection, id, body],
            )
          : await pool.query(
              "UPDATE desk_document SET rev = rev + 1, body = $4 WHERE collection = $1 AND id = $2 AND rev = $3",
              [collection, id, rev, body],
            );
      return rowCount === 1 ? rev + 1 : STALE;
    },
    async remove(collection, id) {
      const { rowCount } = await pool.query(
        "DELETE FROM desk_document WHERE collection = $1 AND id = $2",
        [collection, id],
      );
      return rowCount === 1;
    },
    async append(entry) {
      await pool.query("INSERT INTO desk_history (body) VALUES ($1)", [JSON.stringify(entry)]);
    },
    async entries() {
      const { rows } = await pool.query("SELECT body FROM desk_history ORDER BY n");
      return z
        .array(BodyRow)
        .parse(rows)
        .map((r) => r.body);
    },
    close: () => pool.end(),
  });
}
