import pg from "pg";
import { z } from "zod";
import { fail, ok, type Result } from "../core/result.ts";
import { asCorpusFiles } from "../corpus/files.ts";
import {
  type CorpusStore,
  type Draft,
  type GetOptions,
  parseVersionInfo,
  STORE_FORMAT,
  type StoredVersion,
  type StoreFailure,
  type StoreOptions,
  textHash,
  textsToRead,
  type VersionInfo,
} from "../ports/corpus-store.ts";
import { collect, LOST_RACE, notFound, storeOn } from "../ports/store-backend.ts";
import { migrate, SchemaName } from "./migrate.ts";

const POLL_MS = 1000;
const UNIQUE_VIOLATION = "23505";

export interface PostgresStoreOptions extends StoreOptions {
  url: string;
  /** The schema its tables live in, so deployments (and test files) can share a database. */
  schema?: string;
}

// Rows are checked at the boundary like any other input.
const CurrentRow = z.object({ seq: z.number().int().nullable() });
const InfoRow = z.object({
  seq: z.number().int(),
  hash: z.string(),
  parent: z.number().int().nullable(),
  published_at: z.date(),
  published_by: z.string(),
  note: z.string(),
  format: z.number().int(),
});
const FileRow = z.object({ name: z.string(), body: z.string() });
const TextHashRow = z.object({ article_id: z.string(), text_hash: z.string() });
const TextRow = z.object({ hash: z.string(), body: z.string() });
const IndexRow = z.object({ search_index: z.instanceof(Buffer) });

const INFO_COLUMNS = "seq, hash, parent, published_at, published_by, note, format";

function infoOf(row: unknown): Result<VersionInfo, StoreFailure> {
  const parsed = InfoRow.safeParse(row);
  if (!parsed.success)
    return fail({ code: "store.invalid", message: "a version row is malformed" });
  const { published_at, published_by, ...rest } = parsed.data;
  return parseVersionInfo({ ...rest, publishedAt: published_at.toISOString(), by: published_by });
}

/**
 * The corpus store in PostgreSQL, for deployments on more than one host. Connecting applies the
 * migrations. A publish writes the version's rows and moves the pointer with
 * `UPDATE … WHERE seq IS NOT DISTINCT FROM <the seq it read>` in one transaction, so of two
 * publishers only one commits a given seq; the commit NOTIFYs every listening process.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<CorpusStore> {
  const schema = SchemaName.parse(options.schema ?? "factdesk");
  const channel = `factdesk_corpus_${schema}`;
  const config: pg.ClientConfig = {
    connectionString: options.url,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 5000,
  };
  // Idle connections do not keep a one-shot command (ask, corpus:log) from exiting.
  const pool = new pg.Pool({ ...config, allowExitOnIdle: true });
  // An idle connection that drops is replaced on the next query; the error needs no handling.
  pool.on("error", () => {});
  await migrate(pool, schema);

  async function currentSeq(): Promise<number | null> {
    const { rows } = await pool.query("SELECT seq FROM corpus_current");
    return CurrentRow.parse(rows[0] ?? { seq: null }).seq;
  }

  async function readInfo(seq: number): Promise<Result<VersionInfo, StoreFailure>> {
    const { rows } = await pool.query(`SELECT ${INFO_COLUMNS} FROM corpus_version WHERE seq = $1`, [
      seq,
    ]);
    return rows[0] ? infoOf(rows[0]) : fail(notFound(seq));
  }

  async function readVersion(
    seq: number,
    options: GetOptions = {},
  ): Promise<Result<StoredVersion, StoreFailure>> {
    const info = await readInfo(seq);
    if (!info.ok) return info;
    const [files, hashes, index] = await Promise.all([
      pool.query("SELECT name, body FROM corpus_version_file WHERE seq = $1", [seq]),
      pool.query("SELECT article_id, text_hash FROM corpus_version_text WHERE seq = $1", [seq]),
      pool.query("SELECT search_index FROM corpus_version WHERE seq = $1", [seq]),
    ]);
    const fileRows = z.array(FileRow).safeParse(files.rows);
    const hashRows = z.array(TextHashRow).safeParse(hashes.rows);
    const indexRow = IndexRow.safeParse(index.rows[0]);
    if (!fileRows.success || !hashRows.success || !indexRow.success) {
      return fail({ code: "store.invalid", message: `version ${seq}'s rows are malformed` });
    }
    const { read, held } = textsToRead(
      Object.fromEntries(hashRows.data.map((r) => [r.article_id, r.text_hash])),
      options,
    );
    // Only the bodies the caller does not hold cross the wire.
    const wanted = [...new Set(read.map(([, hash]) => hash))];
    const bodies =
      wanted.length === 0
        ? { rows: [] }
        : await pool.query("SELECT hash, body FROM corpus_text WHERE hash = ANY($1)", [wanted]);
    const bodyRows = z.array(TextRow).safeParse(bodies.rows);
    if (!bodyRows.success) {
      return fail({ code: "store.invalid", message: `version ${seq}'s rows are malformed` });
    }
    const byHash = new Map(bodyRows.data.map((r) => [r.hash, r.body]));
    const rawTexts = Object.fromEntries(read.map(([id, hash]) => [id, byHash.get(hash) ?? null]));
    const json = Object.fromEntries(fileRows.data.map((r) => [r.name, r.body]));
    return ok({
      ...info.value,
      content: {
        files: { ...asCorpusFiles(json, rawTexts), held },
        index: indexRow.data.search_index,
      },
    });
  }

  async function writeVersion(
    info: VersionInfo,
    draft: Draft,
  ): Promise<Result<VersionInfo, StoreFailure> | typeof LOST_RACE> {
    const { files } = draft.content;
    const texts = Object.entries(files.texts)
      .filter((e): e is [string, string] => e[1] !== null)
      .map(([id, body]) => ({ id, body, hash: textHash(body) }));
    // The same order in every publisher, so two inserting the same texts never deadlock.
    const unique = [...new Map(texts.map((t) => [t.hash, t.body])).entries()].sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    const json = Object.entries(files.json).filter((e): e is [string, string] => e[1] !== null);
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        "INSERT INTO corpus_text (hash, body) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING",
        [unique.map(([hash]) => hash), unique.map(([, body]) => body)],
      );
      await client.query(
        `INSERT INTO corpus_version (${INFO_COLUMNS}, search_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          info.seq,
          info.hash,
          info.parent,
          info.publishedAt,
          info.by,
          info.note,
          info.format,
          Buffer.from(draft.content.index),
        ],
      );
      await client.query(
        "INSERT INTO corpus_version_file (seq, name, body) SELECT $1, * FROM unnest($2::text[], $3::text[])",
        [info.seq, json.map(([name]) => name), json.map(([, body]) => body)],
      );
      await client.query(
        "INSERT INTO corpus_version_text (seq, article_id, text_hash) SELECT $1, * FROM unnest($2::text[], $3::text[])",
        [info.seq, texts.map((t) => t.id), texts.map((t) => t.hash)],
      );
      const moved = await client.query(
        "UPDATE corpus_current SET seq = $1 WHERE seq IS NOT DISTINCT FROM $2",
        [info.seq, info.parent],
      );
      if (moved.rowCount !== 1) {
        await client.query("ROLLBACK");
        return LOST_RACE;
      }
      await client.query("SELECT pg_notify($1, $2)", [channel, String(info.seq)]);
      await client.query("COMMIT");
      return ok(info);
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) return LOST_RACE;
      throw err;
    } finally {
      client.release();
    }
  }

  return storeOn({
    name: `postgres schema ${schema}`,
    format: options.writeFormat ?? STORE_FORMAT,
    currentSeq,
    readInfo,
    readVersion,
    async readLog() {
      const { rows } = await pool.query(`SELECT ${INFO_COLUMNS} FROM corpus_version ORDER BY seq`);
      return collect(rows.map(infoOf));
    },
    write: writeVersion,
    watch(check) {
      // A connection of its own LISTENs; when it drops, it reconnects a poll interval later
      // and the store's timer keeps checking meanwhile.
      let listener: pg.Client | null = null;
      let retry: NodeJS.Timeout | null = null;
      let stopped = false;
      const listen = async () => {
        const client = new pg.Client(config);
        listener = client;
        let dropped = false;
        const drop = () => {
          if (dropped) return;
          dropped = true;
          client.end().catch(() => {});
          if (!stopped) retry = setTimeout(() => void listen(), POLL_MS).unref();
        };
        client.on("notification", check);
        client.on("error", drop);
        try {
          await client.connect();
          await client.query(`LISTEN ${channel}`);
        } catch {
          drop();
        }
      };
      void listen();
      return async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        await (listener as pg.Client | null)?.end().catch(() => {});
      };
    },
    close: () => pool.end(),
  });
}
