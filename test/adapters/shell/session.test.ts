import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGER_PROMPT } from "../../../src/adapters/shell/pager.ts";
import { HINT, runShell } from "../../../src/adapters/shell/shell.ts";
import { visibleWidth } from "../../../src/adapters/shell/wrap.ts";
import type { Responder } from "../../../src/commands/responder.ts";
import { buildSnapshot, type CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { snapshotHolder } from "../../../src/corpus/holder.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { testResponder, testResponderOn } from "../../support/responder.ts";
import { fakeTerminal } from "./terminal.ts";

let snapshot: CorpusSnapshot;
let responder: Responder;
let dir: string;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
  responder = testResponder(snapshot);
  dir = await mkdtemp(join(tmpdir(), "factdesk-shell-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const TALL = { columns: 60, rows: 500 };
const CORPUS_LINE = /\(corpus \w+\)/;

const PROMPT = /factdesk> $/;

/** A session in a fake terminal; `done` settles when the shell has left. */
function session(
  size = TALL,
  options: { historyFile?: string | null; tty?: boolean; responder?: Responder } = {},
) {
  const term = fakeTerminal(size, options.tty ?? true);
  const done = runShell(options.responder ?? responder, snapshot, term.input, term.output, options);
  return { ...term, done };
}
type Session = ReturnType<typeof session>;

/** Presses keys and waits until what is shown after them matches; returns what was shown. */
async function press(s: Session, keys: string, shown: RegExp): Promise<string> {
  const mark = s.mark();
  s.type(keys);
  await s.waitFor(shown, mark);
  return s.since(mark);
}

/** Types a line and waits for its whole answer. */
const ask = (s: Session, line: string) =>
  press(s, `${line}\r`, /\(corpus \w+\)\n[\s\S]*factdesk> $/);

/** A session once its first prompt is shown. */
async function started(...args: Parameters<typeof session>): Promise<Session> {
  const s = session(...args);
  await s.waitFor(PROMPT);
  return s;
}

async function leave(s: Session): Promise<void> {
  s.type("exit\r");
  await s.done;
}

describe("the shell on a terminal", () => {
  it("wraps answers to the terminal's width, never inside a word", async () => {
    const s = session({ columns: 40, rows: 500 });
    const shown = await ask(s, "figure kerman death toll");
    const lines = shown.split("\n");
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(40);
    // The quote is cut between its words, and its continuation is set under the quote mark.
    expect(shown).toMatch(/\n {4}"where over one hundred people died\n {5}following/);
    await leave(s);
  });

  it("pages an answer taller than the screen: space for a screen, enter for a line, q to stop", async () => {
    const s = await started({ columns: 60, rows: 8 });
    // The lines of one screen: what came before the pager's prompt, past the erased last one.
    const screen = (shown: string) =>
      (shown.split(PAGER_PROMPT)[0] ?? "").replace(/^\r/, "").replace(/\n$/, "").split("\n");
    const first = await press(s, "figure kerman death toll\r", /-- more/);
    // The echoed command stays in view above 6 lines of answer; one row stays for the prompt.
    expect(screen(first)).toHaveLength(7);
    expect(first).not.toMatch(CORPUS_LINE);
    expect(screen(await press(s, " ", /-- more/))).toHaveLength(7);
    expect(screen(await press(s, "\r", /-- more/))).toHaveLength(1);
    expect(await press(s, "q", PROMPT)).not.toMatch(CORPUS_LINE);
    // Keys the pager took never reached the line being edited: enter now sends an empty line.
    await press(s, "\r", /Try "actor iskp"/);
    await leave(s);
  });

  it("writes an answer that fits the screen at once, unpaged", async () => {
    const s = session();
    expect(await ask(s, "sources")).not.toContain("-- more");
    await leave(s);
  });

  it("keeps history in a file between sessions", async () => {
    const historyFile = join(dir, "state", "history");
    const first = session(TALL, { historyFile });
    await ask(first, "actor rahmon");
    await ask(first, "sources");
    await leave(first);
    expect((await readFile(historyFile, "utf8")).split("\n")).toEqual([
      "actor rahmon",
      "sources",
      "exit",
      "",
    ]);

    const second = await started(TALL, { historyFile });
    // Up three times: exit, sources, actor rahmon.
    await press(second, "\u001b[A\u001b[A\u001b[A\r", /Emomali Rahmon[\s\S]*\(corpus/);
    await leave(second);
  });

  it("completes a command and then a name with Tab", async () => {
    const s = await started();
    // Readline writes only what a completion adds, so the whole screen is looked at.
    s.type("act");
    s.type("\t");
    await s.waitFor(/factdesk> actor $/);
    s.type("rahm");
    s.type("\t");
    await s.waitFor(/factdesk> actor Emomali Rahmon$/);
    expect(await press(s, "\r", /\(corpus/)).toMatch(/^\n?\s*Emomali Rahmon\n=+/);
    await leave(s);
  });

  it("clears the line on Ctrl-C, warns on an empty line, and leaves on a second", async () => {
    const s = await started();
    s.type("actor rah");
    s.type("\u0003");
    const shown = await ask(s, "sources");
    expect(shown).toMatch(/Articles in the corpus|Sources/);
    expect(shown).not.toContain("No actor");
    await press(s, "\u0003", /Ctrl-C again, Ctrl-D or exit leaves/);
    s.type("\u0003");
    await s.done;
  });

  it("leaves on Ctrl-D", async () => {
    const s = await started();
    s.type("\u0004");
    await s.done;
  });

  it("answers an empty line with a one-line hint", async () => {
    const s = await started();
    expect((await press(s, "\r", PROMPT)).trim().split("\n")).toEqual([HINT, "factdesk>"]);
    await leave(s);
  });
});

describe("the more word", () => {
  // Until the reply model carries it, a reply is given a `more` as the model will.
  it("asks what the last answer offered as more, and says so when it offered none", async () => {
    const s = await started(TALL);
    await press(s, "more\r", /Nothing more to show/);
    expect(await ask(s, "actor rahmon")).toContain('More: type "more" for the full answer.');
    expect(await ask(s, "more")).not.toContain('More: type "more"');
    await press(s, "more\r", /Nothing more to show/);
    await leave(s);
  });

  it("says the corpus was updated since when a newer version arrived before 'more'", async () => {
    const release = (seq: number) => ({
      seq,
      publishedAt: "2026-12-02T03:40:00.000Z",
      by: "ana",
      note: "",
    });
    const holder = snapshotHolder(
      buildSnapshot(snapshot.corpus, { search: snapshot.search }, release(1)),
    );
    const s = await started(TALL, { responder: testResponderOn(holder) });
    await press(s, "actor rahmon\r", /More: type "more"[\s\S]*factdesk> $/);
    holder.replace(buildSnapshot(snapshot.corpus, { search: snapshot.search }, release(2)));
    const full = await press(s, "more\r", /\(corpus v2 [^)]*\)\n[\s\S]*factdesk> $/);
    expect(full).toMatch(/Updated since\W+corpus v1 → corpus v2 · published 2 Dec 2026/);
    await leave(s);
  });
});

describe("the shell when not on a terminal", () => {
  it("writes plain text: no escapes, no wrapping, no pager, no prompts", async () => {
    const s = session({ columns: 40, rows: 5 }, { tty: false });
    s.input.end("figure kerman death toll\n\nsources\n");
    await s.done;
    const out = s.raw();
    expect(out).not.toContain("\u001b");
    expect(out).not.toContain("-- more");
    expect(out).not.toContain("factdesk>");
    expect(Math.max(...out.split("\n").map((l) => l.length))).toBeGreaterThan(40);
    expect(out).toContain("*DISPUTED*");
    expect(out.match(/\(corpus \w+\)/g)).toHaveLength(2);
  });

  it("writes plain text when only its output is a terminal (input piped)", async () => {
    const term = fakeTerminal({ columns: 40, rows: 5 });
    term.input.isTTY = false;
    const done = runShell(responder, snapshot, term.input, term.output);
    term.input.end("figure kerman death toll\n");
    await done;
    expect(term.raw()).not.toContain("\u001b");
    expect(term.raw()).toContain("*DISPUTED*");
    expect(term.raw()).not.toContain("-- more");
  });
});
