import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { answerText } from "../../commands/dispatch.ts";
import type { Corpus } from "../../core/corpus/types.ts";
import { shellAdapter } from "./adapter.ts";
import { ANSI, PLAIN } from "./render.ts";

const EXIT_WORDS = new Set(["exit", "quit", ":q"]);

/**
 * An interactive prompt on the corpus, like Hubot's shell adapter: type what you would type after
 * /factdesk. Resolves when the input ends or the user types exit.
 */
export function runShell(
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
  rl.on("line", (line) => {
    if (EXIT_WORDS.has(line.trim().toLowerCase())) {
      rl.close();
      return;
    }
    if (line.trim()) output.write(`${adapter.render(answerText(corpus, line))}\n\n`);
    rl.prompt();
  });
  return new Promise((resolve) => rl.on("close", () => resolve()));
}
