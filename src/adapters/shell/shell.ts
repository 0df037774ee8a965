import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Caller } from "../../commands/command.ts";
import type { Responder } from "../../commands/responder.ts";
import type { CorpusSnapshot } from "../../core/snapshot.ts";
import { shellCompleter } from "./complete.ts";
import { HISTORY_SIZE, readHistory, writeHistory } from "./history.ts";
import { readPagerKey } from "./keys.ts";
import { page } from "./pager.ts";
import { ANSI, PLAIN, render } from "./render.ts";
import { wrap } from "./wrap.ts";

const EXIT_WORDS = new Set(["exit", "quit", ":q"]);
const MORE_WORD = "more";
const DEFAULT_SIZE = { columns: 80, rows: 24 };

/** Shown for an empty line: short enough for an 80-column line. */
export const HINT = 'Try "actor iskp" or "who leads iskp"; "help" lists commands, Tab completes.';
const LEAVE_HINT = "(Ctrl-C again, Ctrl-D or exit leaves.)";
const NOTHING_MORE = "Nothing more to show: the last answer was all of it.";

export const SHELL_CALLER: Caller = {
  platform: "shell",
  workspaceId: "local",
  channelId: "shell",
  userId: "you",
  // At the terminal you are the desk: previews and the like need no permission.
  canManage: async () => true,
};

export interface ShellInput extends Readable {
  isTTY?: boolean;
}

export interface ShellOutput extends Writable {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface ShellOptions {
  /** Where history is kept between sessions; null keeps none. Only a terminal session saves. */
  historyFile?: string | null;
}

/** Saves each change of history after the one before, and reports the first failure only. */
function historySaver(file: string | null | undefined, warn: (text: string) => void) {
  let pending = Promise.resolve();
  let failed = false;
  return {
    save(history: readonly string[]) {
      if (!file || failed) return;
      const lines = [...history];
      pending = pending.then(() =>
        writeHistory(file, lines).catch((err: NodeJS.ErrnoException) => {
          failed = true;
          warn(`(History is not saved: ${err.code ?? err.message}.)`);
        }),
      );
    },
    flushed: () => pending,
  };
}

/** Ctrl-C clears what is typed; on an empty line it warns once, and a second one leaves. */
function onInterrupt(rl: Interface, say: (text: string) => void): () => void {
  let armed = false;
  rl.on("line", () => {
    armed = false;
  });
  return () => {
    if (rl.line !== "") {
      armed = false;
      rl.write(null, { ctrl: true, name: "e" });
      rl.write(null, { ctrl: true, name: "u" });
      return;
    }
    if (armed) {
      rl.close();
      return;
    }
    armed = true;
    say(LEAVE_HINT);
  };
}

/**
 * An interactive prompt on the corpus, like Hubot's shell adapter: type what you would type after
 * /factdesk. On a terminal, answers are wrapped to its width and paged, history is kept and Tab
 * completes; otherwise (piped) the output is plain text, unwrapped. Resolves when the input
 * ends or the user leaves.
 */
export async function runShell(
  responder: Responder,
  snapshot: CorpusSnapshot,
  input: ShellInput,
  output: ShellOutput,
  options: ShellOptions = {},
): Promise<void> {
  // Piped in or out, the shell is a filter: plain text, as `ask` writes it.
  const interactive = Boolean(output.isTTY && input.isTTY);
  const style = interactive ? ANSI : PLAIN;
  const write = (text: string) => output.write(text);
  const history = interactive && options.historyFile ? await readHistory(options.historyFile) : [];
  const rl = createInterface({
    input,
    output,
    prompt: "factdesk> ",
    terminal: interactive,
    history,
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    ...(interactive ? { completer: shellCompleter(responder) } : {}),
  });
  // A prompt is for someone typing; piped input gets answers only.
  let closed = false;
  rl.on("close", () => {
    closed = true;
  });
  const prompt = () => {
    if (input.isTTY && !closed) rl.prompt();
  };
  const say = (text: string) => {
    write(`${text}\n`);
    prompt();
  };
  // The reader has gone (a pager or head quit, EPIPE): nobody is left to answer.
  output.on("error", () => rl.close());
  const saver = historySaver(interactive ? options.historyFile : null, say);
  rl.on("history", (lines: string[]) => saver.save(lines));
  if (interactive)
    rl.on(
      "SIGINT",
      onInterrupt(rl, (text) => say(`\n${text}`)),
    );

  const show = async (text: string) => {
    if (!interactive) return void write(`${text}\n\n`);
    const lines = [...wrap(text, output.columns || DEFAULT_SIZE.columns), ""];
    const rows = output.rows || DEFAULT_SIZE.rows;
    // The prompt line with the command asked stays on the first screen.
    await page(lines, rows, write, () => readPagerKey(input), 1);
  };

  write(
    `Factdesk shell on corpus ${snapshot.corpus.version} (${snapshot.corpus.articles.length} articles). Type "help", or "exit" to leave.\n`,
  );
  prompt();
  // What `more` asks after the last answer, and the published version that answer came from.
  let more: { text: string; seq: number | null } | null = null;
  // Lines are answered in order even when they arrive faster than answers (pasted or piped input).
  let queue = Promise.resolve();
  const answer = async (line: string) => {
    const typed = line.trim();
    if (EXIT_WORDS.has(typed.toLowerCase())) {
      rl.close();
      return;
    }
    if (typed === "") return say(HINT);
    const expand = typed.toLowerCase() === MORE_WORD;
    if (expand && more === null) return say(NOTHING_MORE);
    const madeFrom = expand ? more?.seq : undefined;
    const { reply, seq } = await responder.answer({
      caller: SHELL_CALLER,
      input: { text: expand && more ? more.text : typed },
      ...(madeFrom ? { madeFrom } : {}),
    });
    more = reply.more ? { text: reply.more.command, seq } : null;
    await show(render(reply, {}, style, () => `More: type "${MORE_WORD}" for the full answer.`));
    prompt();
  };
  rl.on("line", (line) => {
    queue = queue
      .then(() => answer(line))
      .catch((err: unknown) => {
        // One failed answer must not end the session.
        say(`Something went wrong answering that (${(err as Error).message}).\n`);
      });
  });
  await new Promise<void>((resolve) => rl.on("close", resolve));
  await queue;
  await saver.flushed();
}
