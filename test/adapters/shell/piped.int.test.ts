import { execFile } from "node:child_process";
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = new URL("../../../", import.meta.url).pathname;
const NO_PLATFORMS = Object.fromEntries(
  ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN"].map((n) => [
    n,
    "",
  ]),
);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "factdesk-piped-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `node --import tsx src/main.ts` with `input` piped to it, as `printf … | npm start` runs it. */
function start(input: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "src/main.ts"],
      { cwd: ROOT, env: { ...process.env, ...NO_PLATFORMS, ...env } },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
    child.stdin?.end(input);
  });
}

describe("npm start with piped input", () => {
  // A generous timeout: start-up (tsx compiling, the corpus loading) takes seconds on a busy machine.
  it("answers each line in plain text, keeps no history, and exits 0 at the end", async () => {
    const historyFile = join(dir, "history");
    const { code, stdout } = await start("actor rahmon\n\nsources\n", {
      FACTDESK_HISTORY: historyFile,
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Factdesk shell on corpus \w+ \(5 articles\)/);
    expect(stdout).toMatch(/\*Emomali Rahmon\*\n=+\n/);
    expect(stdout).toContain('Try "actor iskp"');
    // npm start serves the store's current version, so answers name it as published.
    expect(stdout.match(/\(corpus v\d+ · published [^)]+\)/g)).toHaveLength(2);
    expect(stdout).not.toContain("\u001b");
    expect(stdout).not.toContain("factdesk>");
    await expect(access(historyFile)).rejects.toThrow();
  }, 60_000);
});
