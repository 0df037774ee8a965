import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { RequestContext } from "../../commands/command.ts";
import type { Corpus } from "../../core/corpus/types.ts";
import type { Responder } from "../../respond.ts";
import { shellAdapter } from "./adapter.ts";
import { ANSI, PLAIN } from "./render.ts";

const EXIT_WORDS = new Set(["exit", "quit", ":q"]);

export const SHELL_CONTEXT: RequestContext = {
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
  respond: Responder,
  corpus: Corpus,
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
    `Factdesk shell on corpus ${corpus.version} (${corpus.articles.length} articles). Type "help", or "exit" to leave.\n`,
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
      output.write(`${adapter.render(await respond(SHELL_CONTEXT, { text: line }))}\n\n`);
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
