import { execFile, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directoryAuditLog } from "../../src/audit/directory-log.ts";
import { auditRecorder } from "../../src/audit/recorder.ts";
import { REDACTED, redactSecrets } from "../../src/audit/redact.ts";
import { describeEntry, parseSince } from "../../src/audit/report.ts";
import { statementIdsShown } from "../../src/core/reply/statements.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { memoryAuditLog } from "../../src/ports/audit-log.ts";
import { auditEntry } from "../ports/audit-log.contract.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { testCaller, watchedResponder } from "../support/responder.ts";
import { closedEarly } from "../support/spawned.ts";

// Token-shaped but made up, and put together here so no tracked file holds a whole token a
// secret scanner would take for a real one.
const SLACK_TOKEN = ["xoxb", "1111", "2222", "notARealToken"].join("-");
const SLACK_APP_TOKEN = ["xapp", "1", "A0", "12345", "notreal"].join("-");
const DISCORD_TOKEN = ["X".repeat(24), "fakeid", "n".repeat(32)].join(".");
// Tokens that are not this process's own: only their shape can give them away.
const PASTED_SLACK_TOKEN = ["xoxp", "3333", "notMineEither"].join("-");
const PASTED_DISCORD_TOKEN = ["Y".repeat(26), "other1", "m".repeat(30)].join(".");

let snapshot: CorpusSnapshot;
const dirs: string[] = [];
beforeAll(async () => {
  snapshot = await bundledSnapshot();
});
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function recordingResponder(audit = memoryAuditLog(), keepText = true) {
  const recorder = auditRecorder({
    audit,
    process: "bot@test:1",
    keepText,
    secrets: [SLACK_TOKEN, DISCORD_TOKEN],
    log: pino({ level: "silent" }),
  });
  const responder = watchedResponder({ current: () => snapshot }, recorder.answered);
  return { audit, recorder, responder };
}

describe("audit recorder", () => {
  it("records who asked what, how it was read, the result, the version and the statements cited", async () => {
    const { audit, recorder, responder } = recordingResponder();
    const { reply } = await responder.answer({
      caller: testCaller({ channelId: "C7", userId: "U7" }),
      input: { text: "how many people died in the crocus city hall attack" },
    });
    await recorder.flush();
    const [entry] = await audit.query({ since: new Date(0) });
    expect(entry).toMatchObject({
      kind: "answer",
      platform: "test",
      workspace: "W1",
      channel: "C7",
      user: "U7",
      text: "how many people died in the crocus city hall attack",
      command: reply.command,
      code: reply.ok ? "ok" : reply.error?.code,
      corpusVersion: snapshot.corpus.version,
      understood: reply.understood,
    });
    expect(entry?.statements.length).toBeGreaterThan(0);
    expect(entry?.statements).toEqual(statementIdsShown(reply));
  });

  it("records shares as shares and failures with their code", async () => {
    const { audit, recorder, responder } = recordingResponder();
    await responder.answer({ caller: testCaller(), input: { text: "actor iskp" }, via: "share" });
    await responder.answer({ caller: testCaller(), input: { text: "actor nobody-at-all" } });
    await recorder.flush();
    const entries = await audit.query({ since: new Date(0) });
    expect(entries.map((e) => [e.kind, e.code])).toEqual([
      ["share", "ok"],
      ["answer", "not_found"],
    ]);
  });

  it("keeps the text out with AUDIT_QUERY_TEXT=off", async () => {
    const { audit, recorder, responder } = recordingResponder(memoryAuditLog(), false);
    await responder.answer({ caller: testCaller(), input: { text: "actor iskp" } });
    await recorder.flush();
    expect((await audit.query({ since: new Date(0) }))[0]?.text).toBeNull();
  });

  it("never writes a token into the trail, even one pasted into a question", async () => {
    const dir = await mkdtemp(join(tmpdir(), "factdesk-audit-"));
    dirs.push(dir);
    const { recorder, responder } = recordingResponder(directoryAuditLog(dir, "bot"));
    for (const text of [
      `search ${SLACK_TOKEN}`,
      `actor ${DISCORD_TOKEN}`,
      `search ${SLACK_APP_TOKEN}`,
      "search postgres://factdesk:hunter2pass@db:5432/x",
      `search ${PASTED_SLACK_TOKEN}`,
      `actor ${PASTED_DISCORD_TOKEN}`,
    ]) {
      await responder.answer({ caller: testCaller(), input: { text } });
    }
    await recorder.flush();
    const written = (
      await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), "utf8")))
    ).join("");
    expect(written.split("\n").filter(Boolean)).toHaveLength(6);
    for (const secret of [
      SLACK_TOKEN,
      DISCORD_TOKEN,
      "xapp-1-A0",
      "hunter2pass",
      PASTED_SLACK_TOKEN,
      PASTED_DISCORD_TOKEN,
    ]) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain(REDACTED);
  });

  it("a failing trail never fails the answer", async () => {
    const broken = memoryAuditLog();
    broken.record = async () => {
      throw new Error("disk full");
    };
    const { recorder, responder } = recordingResponder(broken);
    const { reply } = await responder.answer({
      caller: testCaller(),
      input: { text: "actor iskp" },
    });
    await recorder.flush();
    expect(reply.ok).toBe(true);
  });
});

describe("redactSecrets", () => {
  it("replaces configured secrets and token shapes, leaving ordinary text", () => {
    expect(redactSecrets("the taliban in 2021", [SLACK_TOKEN])).toBe("the taliban in 2021");
    expect(redactSecrets(`a ${SLACK_TOKEN} b`, [])).toBe(`a ${REDACTED} b`);
    expect(redactSecrets("key plainsecret99", ["plainsecret99"])).toBe(`key ${REDACTED}`);
  });
});

describe("describeEntry", () => {
  it("shows a shell or ask answer by platform alone, with the OS user", () => {
    const entry = auditEntry(0, { platform: "cli", workspace: "", channel: "", user: "ana" });
    expect(describeEntry(entry, () => "corpus v3")).toMatch(
      /^2026-12-02 12:00:00 UTC {2}cli {2}ana asked "how many died at crocus", read as figure/,
    );
  });
});

describe("parseSince", () => {
  const now = Date.parse("2026-12-02T12:00:00Z");
  it("reads spans and dates, and refuses anything else", () => {
    expect(parseSince("1d", now)?.toISOString()).toBe("2026-12-01T12:00:00.000Z");
    expect(parseSince("30m", now)?.toISOString()).toBe("2026-12-02T11:30:00.000Z");
    expect(parseSince("2026-11-30", now)?.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    for (const bad of ["yesterday", "1y", "", "2026-13-45"])
      expect(parseSince(bad, now)).toBeNull();
  });
});

function audit(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli/audit.ts", ...args],
      { env: { ...process.env, ...env, LOG_LEVEL: "silent" }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run audit", () => {
  it("answers who was told what, from which version, across processes, by channel and user", async () => {
    const dir = await mkdtemp(join(tmpdir(), "factdesk-audit-cli-"));
    dirs.push(dir);
    const bot = recordingResponder(directoryAuditLog(join(dir, "audit"), "bot@h:1"));
    await bot.responder.answer({
      caller: testCaller({ channelId: "C1", userId: "U1" }),
      input: { text: "actor iskp" },
    });
    await bot.responder.answer({
      caller: testCaller({ channelId: "C2", userId: "U2" }),
      input: { text: "figure crocus death toll" },
    });
    const worker = auditRecorder({
      audit: directoryAuditLog(join(dir, "audit"), "worker@h:2"),
      process: "worker@h:2",
      keepText: true,
      secrets: [],
      log: pino({ level: "silent" }),
    });
    worker.digestPosted({
      subscriptionId: "test:W1:C1",
      messageId: "m-42",
      corpusVersion: snapshot.corpus.version,
      statements: ["crocus-killed-a", "crocus-killed-b"],
    });
    worker.digestPosted({
      subscriptionId: "test:W1:C1",
      messageId: "m-43",
      corpusVersion: snapshot.corpus.version,
      statements: ["crocus-killed-b"],
      correction: true,
    });
    await bot.recorder.flush();
    await worker.flush();

    // AUDIT_STORE unset: the trail is read from beside the corpus store, in its audit/ folder.
    const env = { CORPUS_STORE: dir };
    const all = await audit(["--since", "1d"], env);
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /test W1\/C1 {2}U1 asked "actor iskp" → answered with actor, from corpus /,
    );
    // Digests and corrections name the statements they told, as answers name what they cited.
    expect(lines[2]).toMatch(
      /test W1\/C1 {2}digest posted \(message m-42\), from corpus .*; showed crocus-killed-a, crocus-killed-b$/,
    );
    expect(lines[3]).toMatch(
      /test W1\/C1 {2}correction posted \(message m-43\), from corpus .*; corrected crocus-killed-b$/,
    );

    const byChannel = await audit(["--since", "1d", "--channel", "C2", "--json"], env);
    const entries = byChannel.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(entries.map((e) => [e.user, e.command])).toEqual([["U2", "figure"]]);

    const byUser = await audit(["--user", "U1"], env);
    expect(byUser.stdout.trim().split("\n")).toHaveLength(1);

    const none = await audit(["--since", "1d", "--user", "U9"], env);
    expect(none.stdout).toMatch(/^Nothing recorded since/);
  }, 120_000);

  it("into a reader that closes early (| head -1), ends quietly with 0, no stack trace", async () => {
    const dir = await mkdtemp(join(tmpdir(), "factdesk-audit-head-"));
    dirs.push(dir);
    // More than a pipe holds, so writes go on after the reader has gone.
    const trail = directoryAuditLog(join(dir, "audit"), "bot@h:1");
    const at = new Date().toISOString();
    for (let i = 0; i < 3000; i++) await trail.record(auditEntry(0, { at, channel: `C${i}` }));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/audit.ts", "--since", "1d"],
      {
        env: { ...process.env, CORPUS_STORE: dir, LOG_LEVEL: "silent" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const { code, stderr } = await closedEarly(child);
    expect(stderr).not.toMatch(/EPIPE|at .*\(/);
    expect(code).toBe(0);
  }, 60_000);

  it("refuses a --since it cannot read, with the usage, exit 2", async () => {
    const result = await audit(["--since", "last tuesday"], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--since "last tuesday" is not a span');
    expect(result.stderr).toContain("Usage: npm run -s audit");
  }, 60_000);
});
