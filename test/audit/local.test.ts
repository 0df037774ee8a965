import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localAuditRecorder } from "../../src/audit/local.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { readSettings } from "../../src/settings.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { testCaller, watchedResponder } from "../support/responder.ts";

let snapshot: CorpusSnapshot;
let dir: string;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
  dir = await mkdtemp(join(tmpdir(), "factdesk-local-audit-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A shell's recorder on AUDIT_STORE `place`, with the lines it logs. */
function shellTrail(place: string) {
  const read = readSettings({ CORPUS_STORE: dir, AUDIT_STORE: place });
  if (!read.ok) throw new Error(read.error.message);
  const logged: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged.push(...String(chunk).trim().split("\n"));
      done();
    },
  });
  const trail = localAuditRecorder("shell", read.value, pino({ level: "info" }, sink));
  const responder = watchedResponder({ current: () => snapshot }, trail.answered);
  return { trail, responder, logged };
}

describe("the shell's audit trail", () => {
  it("opens on the first answer, records it as the OS user with no workspace or channel", async () => {
    const place = join(dir, "audit");
    const { trail, responder } = shellTrail(place);
    // Nothing is touched before something is answered.
    await trail.flush();
    await expect(readdir(place)).rejects.toMatchObject({ code: "ENOENT" });
    await responder.answer({
      caller: testCaller({ platform: "shell", channelId: "shell", userId: "you" }),
      input: { text: "actor iskp" },
    });
    await trail.close();
    const [file] = await readdir(place);
    expect(file).toMatch(/^audit-\d{4}-\d{2}-\d{2}-shell_[\w.-]+\.jsonl$/);
    expect(JSON.parse(await readFile(join(place, file ?? ""), "utf8"))).toMatchObject({
      platform: "shell",
      workspace: "",
      channel: "",
      user: userInfo().username,
      text: "actor iskp",
      process: expect.stringMatching(/^shell@/),
    });
  });

  it("warns once, in one line, when the place cannot be written, and answering goes on", async () => {
    await writeFile(join(dir, "a-file"), "");
    const { trail, responder, logged } = shellTrail(join(dir, "a-file", "audit"));
    for (const text of ["actor iskp", "attack crocus", "sources"]) {
      const { reply } = await responder.answer({ caller: testCaller(), input: { text } });
      expect(reply.ok).toBe(true);
    }
    await trail.close();
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? "{}")).toMatchObject({
      level: 40,
      msg: expect.stringMatching(/^answers are not recorded: directory .* \(ENOTDIR\)/),
    });
  });
});
