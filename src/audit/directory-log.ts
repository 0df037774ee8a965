import { appendFile, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  type AuditEntry,
  type AuditLog,
  byTime,
  AuditEntry as Entry,
  matches,
} from "../ports/audit-log.ts";

const FILE = /^audit-(\d{4}-\d{2}-\d{2})-[\w.-]+\.jsonl$/;

const dayOf = (at: string | Date) => new Date(at).toISOString().slice(0, 10);

/**
 * The audit trail as JSON lines under a directory: one file per process per day
 * (`audit-2026-12-02-bot-host-4242.jsonl`), so processes never write into one file and a day's
 * files are rotated out whole. Retention is kept to the day: pruning removes the files of days
 * before the cut-off's. A line that does not parse (a write cut short by a crash) is skipped.
 */
export function directoryAuditLog(dir: string, process: string): AuditLog {
  const slug = process.replace(/[^\w.-]+/g, "_");
  let writing: Promise<unknown> = Promise.resolve();
  let made = false;

  async function files(): Promise<Array<{ name: string; day: string }>> {
    const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return [] as string[];
      throw err;
    });
    return names.flatMap((name) => {
      const day = FILE.exec(name)?.[1];
      return day ? [{ name, day }] : [];
    });
  }

  return {
    name: `directory ${dir}`,
    async record(entry) {
      const line = `${JSON.stringify(Entry.parse(entry))}\n`;
      const file = join(dir, `audit-${dayOf(entry.at)}-${slug}.jsonl`);
      // One write at a time, so lines land whole and in order.
      const done = writing.then(async () => {
        if (!made) await mkdir(dir, { recursive: true });
        made = true;
        await appendFile(file, line);
      });
      writing = done.catch(() => {});
      await done;
    },
    async query(query) {
      const since = dayOf(query.since);
      const found: AuditEntry[] = [];
      for (const { name, day } of await files()) {
        if (day < since) continue;
        for (const line of (await readFile(join(dir, name), "utf8")).split("\n")) {
          if (line.trim() === "") continue;
          let raw: unknown;
          try {
            raw = JSON.parse(line);
          } catch {
            continue;
          }
          const parsed = Entry.safeParse(raw);
          if (parsed.success && matches(parsed.data, query)) found.push(parsed.data);
        }
      }
      return byTime(found);
    },
    async prune(before) {
      const cut = dayOf(before);
      let removed = 0;
      for (const { name, day } of await files()) {
        if (day >= cut) continue;
        const text = await readFile(join(dir, name), "utf8");
        removed += text.split("\n").filter((l) => l.trim() !== "").length;
        await rm(join(dir, name), { force: true });
      }
      return removed;
    },
    async close() {
      await writing;
    },
  };
}
