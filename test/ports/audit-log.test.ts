import { appendFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { directoryAuditLog } from "../../src/audit/directory-log.ts";
import { memoryAuditLog } from "../../src/ports/audit-log.ts";
import { auditEntry, auditLogContract, NOW } from "./audit-log.contract.ts";

const dirs: string[] = [];
const freshDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "factdesk-audit-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

auditLogContract("memory", async () => memoryAuditLog());
auditLogContract("directory", async () => directoryAuditLog(await freshDir(), "bot@test:1"));

describe("directory audit log", () => {
  it("writes one JSON-lines file per process per day, and reads every process's files", async () => {
    const dir = await freshDir();
    const bot = directoryAuditLog(dir, "bot@host:1");
    const worker = directoryAuditLog(dir, "worker@host:2");
    await bot.record(auditEntry(1));
    await bot.record(auditEntry(0));
    await worker.record(auditEntry(0, { kind: "digest", process: "worker@host:2" }));
    expect((await readdir(dir)).sort()).toEqual([
      "audit-2026-12-01-bot_host_1.jsonl",
      "audit-2026-12-02-bot_host_1.jsonl",
      "audit-2026-12-02-worker_host_2.jsonl",
    ]);
    const today = await readFile(join(dir, "audit-2026-12-02-bot_host_1.jsonl"), "utf8");
    expect(JSON.parse(today.trim())).toEqual(auditEntry(0));
    expect(await bot.query({ since: new Date(NOW - 86_400_000 * 2) })).toHaveLength(3);
  });

  it("skips a line cut short or malformed, reading the rest", async () => {
    const dir = await freshDir();
    const audit = directoryAuditLog(dir, "bot");
    await audit.record(auditEntry(0));
    const file = join(dir, "audit-2026-12-02-bot.jsonl");
    await appendFile(file, '{"at":"2026-12-02T12:00:00.000Z","kind":"answer"}\n{"at":"2026-12');
    await appendFile(join(dir, "notes.txt"), "not an audit file\n");
    expect(await audit.query({ since: new Date(0) })).toEqual([auditEntry(0)]);
  });

  it("reads an empty trail from a directory that does not exist yet", async () => {
    const audit = directoryAuditLog(join(await freshDir(), "none"), "bot");
    expect(await audit.query({ since: new Date(0) })).toEqual([]);
    expect(await audit.prune(new Date())).toBe(0);
  });
});
