import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";

/**
 * Throwaway PostgreSQL schemas for one test file: each named `<prefix>_<run>_<name>`, all dropped
 * when the file ends, so test files never meet each other's rows. Registers its own hooks.
 */
export function throwawaySchemas(prefix: string): {
  /** The test server's URL, once the file's tests run. */
  url(): string;
  /** A new schema's name, dropped at the end; `name` makes it easy to find when kept. */
  schema(name?: string): string;
} {
  const run = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
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
  return {
    url: () => url,
    schema(name = String(schemas.length)) {
      const schema = `${run}_${name}`;
      schemas.push(schema);
      return schema;
    },
  };
}
