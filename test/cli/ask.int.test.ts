import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_DATA_DIR } from "../../src/corpus/files.ts";
import { openCurrentVersion } from "../../src/store/current.ts";
import { directoryCorpusStore } from "../../src/store/directory-store.ts";
import { spawnScript } from "../support/spawned.ts";

const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;
const TSX = new URL("../../node_modules/.bin/tsx", import.meta.url).pathname;
// A store of this file's own, never the repo's store/, seeded here once rather than by each run.
const STORE = await mkdtemp(join(tmpdir(), "factdesk-ask-store-"));
const seeded = await openCurrentVersion(directoryCorpusStore(STORE), BUNDLED_DATA_DIR);
if (!seeded.ok) throw new Error(seeded.error);

function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      TSX,
      [MAIN, ...args],
      { env: { ...process.env, CORPUS_STORE: STORE, ...options.env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? "");
  });
}

describe("npm start -- ask", () => {
  const temps: string[] = [STORE];
  afterAll(async () => {
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it("prints exactly one JSON document with ok, answer, citations, and exits 0", async () => {
    const { code, stdout } = await run(["ask", "--json", "figure crocus death toll"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({
      schema: 3,
      ok: true,
      command: "figure",
      answer: {
        figures: [{ verdict: "compatible", disputed: false }],
        data: { kind: "figure", figures: [{ id: "crocus-killed" }] },
      },
    });
    expect(doc.citations[0]).toEqual(
      expect.objectContaining({
        articleId: expect.any(String),
        outlet: expect.any(String),
        title: expect.any(String),
        published: expect.any(Object),
        quote: expect.any(String),
      }),
    );
  });

  it("exits 1 when the answer is an error, still with one JSON document", async () => {
    const { code, stdout } = await run(["ask", "--json", "actor talibn"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("answers one JSON line per stdin line", async () => {
    const { code, stdout } = await run(["ask", "--json"], {
      input: "actor iskp\nattack crocus\n\nsources\n",
    });
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(code).toBe(0);
    expect(lines.map((l) => l.command)).toEqual(["actor", "attack", "sources"]);
  });

  it("answers in plain text without --json", async () => {
    const { code, stdout } = await run(["ask", "attack", "crocus"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Crocus/);
    expect(stdout).toMatch(/DISPUTED/);
  });

  it("records its answer in the audit trail beside the store: platform cli, the OS user", async () => {
    const dir = await mkdtemp(join(tmpdir(), "factdesk-ask-audit-"));
    temps.push(dir);
    const asked = spawnScript(MAIN, ["ask", "figure crocus death toll"], {
      CORPUS_STORE: STORE,
      AUDIT_STORE: join(dir, "on"),
    });
    expect(await asked.exited).toBe(0);
    const [file] = await readdir(join(dir, "on"));
    const entry = JSON.parse(await readFile(join(dir, "on", file ?? ""), "utf8"));
    expect(entry).toMatchObject({
      kind: "answer",
      platform: "cli",
      workspace: "",
      channel: "",
      user: userInfo().username,
      text: "figure crocus death toll",
      command: "figure",
      code: "ok",
      statements: expect.arrayContaining(["crocus-killed-asianews"]),
      process: expect.stringMatching(/^ask@/),
    });

    const quiet = spawnScript(MAIN, ["ask", "actor iskp"], {
      CORPUS_STORE: STORE,
      AUDIT_STORE: join(dir, "off"),
      AUDIT_QUERY_TEXT: "off",
    });
    expect(await quiet.exited).toBe(0);
    const [off] = await readdir(join(dir, "off"));
    expect(JSON.parse(await readFile(join(dir, "off", off ?? ""), "utf8"))).toMatchObject({
      text: null,
      command: "actor",
    });
  });

  it("answers when the audit place cannot be written, with one short warning line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "factdesk-ask-unwritable-"));
    temps.push(dir);
    // A directory inside a file: no user, root included, can create it.
    await writeFile(join(dir, "file"), "");
    const { code, stdout, stderr } = await run(["ask", "actor iskp"], {
      env: { AUDIT_STORE: join(dir, "file", "audit"), LOG_LEVEL: "info" },
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Khorasan/);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /answers are not recorded: .* is not writable \(ENOTDIR\); see AUDIT_STORE/,
    );
    expect(lines[0]?.length).toBeLessThan(300);
  });

  it("in bot mode, refuses to run without Slack or Discord credentials", async () => {
    const { code, stderr } = await run(["bot"], {
      env: {
        SLACK_BOT_TOKEN: "",
        SLACK_APP_TOKEN: "",
        SLACK_SIGNING_SECRET: "",
        DISCORD_TOKEN: "",
        DISCORD_APPLICATION_ID: "",
      },
    });
    expect(code).toBe(1);
    expect(stderr).toContain("No Slack or Discord credentials are set");
  });

  it("refuses to start on a corpus that fails its check, with the checker's message", async () => {
    const dir = await mkdtemp(join(tmpdir(), "factdesk-corpus-"));
    temps.push(dir);
    await cp(BUNDLED_DATA_DIR, dir, { recursive: true });
    const figures = join(dir, "figures.json");
    await writeFile(
      figures,
      (await readFile(figures, "utf8"))
        .replace('"137"', '"731"')
        .replace("of 137 people", "of 731 people"),
    );
    // An empty store is seeded from FACTDESK_DATA_DIR, with every check corpus:check runs.
    const [started, checked] = await Promise.all([
      run(["ask", "help"], { env: { FACTDESK_DATA_DIR: dir, CORPUS_STORE: join(dir, "store") } }),
      new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          TSX,
          [new URL("../../src/cli/corpus-check.ts", import.meta.url).pathname, dir],
          (error, _out, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
        );
      }),
    ]);
    expect(started.code).toBe(1);
    expect(started.stdout).toBe("");
    expect(started.stderr).toContain("refusing to serve part of it");
    expect(started.stderr).toContain("[corpus.quote_not_found]");
    expect(checked.code).toBe(1);
    expect(checked.stderr).toBe(started.stderr);
  }, 60_000);
});
