import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Caller } from "../../commands/command.ts";
import type { Responder } from "../../commands/responder.ts";
import type { CorpusSnapshot } from "../../core/snapshot.ts";
import { shellAdapter } from "./adapter.ts";
import { ANSI, PLAIN } from "./render.ts";

const EXIT_WORDS = new Set(["exit", "quit", ":q"]);

export const SHELL_CALLER: Caller = {
  platform: "shell",
  workspaceId: "local",
  channelId: "shell",
  userId: "you",
  // At the terminal you are the desk: previews and the like need no permission.
  canManage: async () => true,
};

/**
 * An interactive prompt on the corpus, like Hubot's shell adapter: type what you would type after
 * /factdesk. Resolves when the input ends or the user types exit.
 */
export function runShell(
  responder: Responder,
  snapshot: CorpusSnapshot,
  input: Readable,
  output: Writable & { isTTY?: boolean },
): Promise<void> {
  const adapter = shellAdapter(output, output.isTTY ? ANSI : PLAIN);
  const rl = createInterface({
    input,
    output,
    prompt: "factdesk> ",
    historySize: 200,
    terminal: output.isTTY,
  });
  output.write(
    `Factdesk shell on corpus ${snapshot.corpus.version} (${snapshot.corpus.articles.length} articles). Type "help", or "exit" to leave.\n`,
  );
  rl.prompt();
  // Lines are answered in order even when they arrive faster than answers (pasted or piped input).
  let queue = Promise.resolve();
  const answer = async (line: string) => {
    if (EXIT_WORDS.has(line.trim().toLowerCase())) {
      rl.close();
      return;
    }
    if (line.trim()) {
      const { reply } = await responder.answer({ caller: SHELL_CALLER, input: { text: line } });
      output.write(`${adapter.render(reply)}\n\n`);
    }
    rl.prompt();
  };
  rl.on("line", (line) => {
    queue = queue
      .then(() => answer(line))
      .catch((err: unknown) => {
        // One failed answer must not end the session.
        output.write(`Something went wrong answering that (${(err as Error).message}).\n\n`);
        rl.prompt();
      });
  });
  return new Promise((resolve) => rl.on("close", () => queue.then(() => resolve())));
}
