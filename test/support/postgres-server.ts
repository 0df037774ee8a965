import pg from "pg";

export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

export const NO_POSTGRES_MESSAGE =
  "No PostgreSQL answers at TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/test: run `docker compose up -d postgres` (then TEST_POSTGRES_URL=postgres://factdesk:factdesk@127.0.0.1:5432/factdesk), or install your OS's postgresql package and create database test.";

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The PostgreSQL tests use: TEST_POSTGRES_URL when set, else the local one; or why there is none. */
export async function findPostgres(
  url: string = process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL,
): Promise<{ url: string } | { missing: string }> {
  return (await answers(url)) ? { url } : { missing: NO_POSTGRES_MESSAGE };
}
