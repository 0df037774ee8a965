import { execFile, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NO_REDIS_MESSAGE } from "../support/redis-server.ts";
import { closedEarly } from "../support/spawned.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const MAIN = join(ROOT, "src/main.ts");
const STORE = await mkdtemp(join(tmpdir(), "factdesk-cli-store-"));
// Spawned Node processes on a loaded machine: generous, and never a wall-clock assertion.
const SLOW = 120_000;

function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      { cwd: ROOT, env: { ...process.env, CORPUS_STORE: STORE, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

afterAll(() => rm(STORE, { recursive: true, force: true }));

describe("the command line", () => {
  it(
    "--version prints the package's version and exits 0",
    async () => {
      const { code, stdout } = await run(["--version"]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^factdesk \d+\.\d+\.\d+\n$/);
    },
    SLOW,
  );

  it(
    "--help prints the usage and exits 0",
    async () => {
      const { code, stdout } = await run(["--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain("npm start -s -- ask");
    },
    SLOW,
  );

  it(
    "an unknown option gets one line naming it and exit 2, no stack trace",
    async () => {
      const { code, stdout, stderr } = await run(["--frobnicate"]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toBe("factdesk: Unknown option '--frobnicate'. See --help.\n");
    },
    SLOW,
  );

  it(
    "ask into a reader that closes early (| head -1) ends quietly with 0",
    async () => {
      // One answer per input line: writes go on after the reader has gone.
      const child = spawn(process.execPath, ["--import", "tsx", MAIN, "ask", "--json"], {
        cwd: ROOT,
        env: { ...process.env, CORPUS_STORE: STORE },
        stdio: ["pipe", "pipe", "pipe"],
      });
      child.stdin.end("timeline\n".repeat(500));
      const { code, stderr } = await closedEarly(child);
      expect(stderr).not.toMatch(/EPIPE|at .*\(/);
      expect(code).toBe(0);
      // What it answered before the reader left is in the audit trail: flushed before exit.
      const trail = await readdir(join(STORE, "audit"));
      const lines = (await readFile(join(STORE, "audit", trail[0] ?? ""), "utf8")).split("\n");
      expect(lines.filter((l) => l.includes('"command":"timeline"')).length).toBeGreaterThan(0);
    },
    SLOW,
  );
});

describe("npm start's compiled run", () => {
  it("builds dist/ when stale and answers from it with plain Node, finding data/ from there", async () => {
    const { code, stdout, stderr } = await new Promise<{
      code: number;
      stdout: string;
      stderr: string;
    }>((resolve) =>
      execFile(
        process.execPath,
        [join(ROOT, "scripts/start.mjs"), "ask", "actor iskp"],
        { cwd: ROOT, env: { ...process.env, CORPUS_STORE: STORE } },
        (error, out, err) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }),
      ),
    );
    expect(stderr).not.toMatch(/error TS|failed/);
    expect(code).toBe(0);
    expect(stdout).toContain("Islamic State in Khorasan Province");
  }, 240_000); // A compile on a loaded machine can take a minute.
});

describe("npm test without Redis", () => {
  it(
    "prints the one line the README promises, and fails",
    async () => {
      // A PATH holding only node: no redis-server to start, and REDIS_URL a port nobody serves.
      const bin = await mkdtemp(join(tmpdir(), "factdesk-no-redis-"));
      await symlink(process.execPath, join(bin, "node"));
      try {
        const { code, stdout, stderr } = await new Promise<{
          code: number;
          stdout: string;
          stderr: string;
        }>((resolve) =>
          execFile(
            process.execPath,
            [
              join(ROOT, "node_modules/vitest/vitest.mjs"),
              "run",
              "--project",
              "integration",
              "test/cli/command-line.int.test.ts",
            ],
            { cwd: ROOT, env: { ...process.env, PATH: bin, REDIS_URL: "redis://127.0.0.1:1" } },
            (error, out, err) =>
              resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }),
          ),
        );
        expect(code).toBe(1);
        expect(stderr).toContain(`${NO_REDIS_MESSAGE}\n`);
        expect(`${stdout}${stderr}`).not.toMatch(/\n\s+❯ |at .*\(/);
      } finally {
        await rm(bin, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
