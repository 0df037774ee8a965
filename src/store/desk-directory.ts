import { randomUUID } from "node:crypto";
import {
  appendFile,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import {
  type Collection,
  type DeskStore,
  deskStoreOn,
  STALE,
  type Stored,
} from "../ports/desk-store.ts";

/*
 * Layout under the corpus store's directory:
 *
 *   desk/<collection>/<id>.json   {"rev": N, "value": …}: accounts, sessions, drafts
 *   desk/history.jsonl            one change per line, appended
 *
 * A write takes <id>.json.lock (mkdir is atomic), compares the revision, writes a temporary
 * file and renames it into place, so a reader never sees half of one and of two writers from
 * the same revision one is told it is stale. A lock left by a crashed writer is broken after
 * LOCK_STALE_MS.
 */

const Row = z.object({ rev: z.number().int().positive(), value: z.unknown() });
const LOCK_STALE_MS = 10_000;
const ID = /^[a-z0-9._-]{1,80}$/;

async function readRow(path: string): Promise<Stored<unknown> | null> {
  try {
    const parsed = Row.safeParse(JSON.parse(await readFile(path, "utf8")));
    return parsed.success ? { rev: parsed.data.rev, value: parsed.data.value } : null;
  } catch {
    return null;
  }
}

async function withLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, Math.min(5 + attempt * 5, 50)));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

export function directoryDeskStore(storeDir: string): DeskStore {
  const root = join(storeDir, "desk");
  const file = (c: Collection, id: string) => {
    if (!ID.test(id)) throw new Error(`not a desk id: ${JSON.stringify(id)}`);
    return join(root, c, `${id}.json`);
  };
  const history = join(root, "history.jsonl");
  return deskStoreOn({
    name: `${root} (directory)`,
    get: (c, id) => (ID.test(id) ? readRow(file(c, id)) : Promise.resolve(null)),
    async list(c) {
      const names = await readdir(join(root, c)).catch(() => [] as string[]);
      const rows = await Promise.all(
        names.filter((n) => n.endsWith(".json")).map((n) => readRow(join(root, c, n))),
      );
      return rows.filter((r) => r !== null);
    },
    async put(c, id, rev, value) {
      const path = file(c, id);
      await mkdir(join(root, c), { recursive: true });
      return withLock(path, async () => {
        const current = (await readRow(path))?.rev ?? 0;
        if (current !== rev) return STALE;
        const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
        await writeFile(temp, JSON.stringify({ rev: rev + 1, value }), { mode: 0o600 });
        await rename(temp, path);
        return rev + 1;
      });
    },
    async remove(c, id) {
      if (!ID.test(id)) return false;
      const path = file(c, id);
      const existed = (await readRow(path)) !== null;
      await rm(path, { force: true });
      return existed;
    },
    async append(entry) {
      await mkdir(root, { recursive: true });
      await appendFile(history, `${JSON.stringify(entry)}\n`);
    },
    async entries() {
      const text = await readFile(history, "utf8").catch(() => "");
      return text
        .split("\n")
        .filter((line) => line.trim() !== "")
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as unknown];
          } catch {
            return [];
          }
        });
    },
    close: async () => {},
  });
}
