import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BUNDLED_DATA_DIR } from "../src/corpus/files.ts";
import { openCurrentVersion } from "../src/store/current.ts";
import { directoryCorpusStore } from "../src/store/directory-store.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const TARGET_MS = 500;
const RUNS = 5;

/** Milliseconds from spawn until stdout shows `ready`, for a fresh process each run. */
function timeTo(command: string, args: string[], env: NodeJS.ProcessEnv, ready: string) {
  return new Promise<number>((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["pipe", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk;
      if (out.includes(ready)) {
        resolve(performance.now() - start);
        child.kill();
      }
    });
    child.on("error", reject);
    child.on("close", () =>
      reject(new Error(`${command} ${args.join(" ")} ended before "${ready}"`)),
    );
  });
}

async function median(run: () => Promise<number>): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await run());
  samples.sort((a, b) => a - b);
  const mid = samples[Math.floor(RUNS / 2)] as number;
  return `${mid.toFixed(0)} ms median, ${(samples[RUNS - 1] as number).toFixed(0)} max of ${RUNS} (target < ${TARGET_MS} ms)`;
}

/** Builds dist/ when missing or stale (as npm start does), so a bench times a start, not a compile. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, ["scripts/start.mjs", "--version"], { cwd: ROOT });
}

/**
 * Time to the first answer of a one-shot `ask`, through `npm start` and through `node` on the
 * compiled dist/ directly, and to the interactive shell's prompt (under `script`, for a TTY).
 */
export async function benchCliStart(): Promise<Record<string, string>> {
  ensureBuilt();
  const store = await mkdtemp(join(tmpdir(), "factdesk-bench-start-"));
  try {
    const seeded = await openCurrentVersion(directoryCorpusStore(store), BUNDLED_DATA_DIR);
    if (!seeded.ok) throw new Error(seeded.error);
    const env = { ...process.env, CORPUS_STORE: store, SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "" };
    const ask = ["ask", "actor iskp"];
    const figures: Record<string, string> = {
      "ask, node dist/main.js": await median(() =>
        timeTo(process.execPath, ["dist/main.js", ...ask], env, "\n"),
      ),
      "ask, npm start -s --": await median(() =>
        timeTo("npm", ["start", "-s", "--", ...ask], env, "\n"),
      ),
    };
    try {
      execFileSync("script", ["--version"]);
      figures["shell prompt, node dist/main.js"] = await median(() =>
        timeTo(
          "script",
          ["-q", "-c", `${process.execPath} dist/main.js`, "/dev/null"],
          env,
          "factdesk> ",
        ),
      );
    } catch {
      figures["shell prompt"] = "skipped: no `script` to give it a terminal";
    }
    // Wall-clock time on a shared machine: the load says how far to trust it.
    figures["load average (1 min) during the runs"] = loadavg()[0]?.toFixed(1) ?? "?";
    return figures;
  } finally {
    await rm(store, { recursive: true, force: true });
  }
}
