import { type ChildProcess, spawn } from "node:child_process";
import type { Readable } from "node:stream";

/** A Factdesk entry point run as its own process through tsx, with what it logs to stderr. */
export interface Spawned {
  child: ChildProcess;
  /** Everything written to stderr so far (the logs). */
  logs(): string;
  /** The exit code, once it exits. */
  exited: Promise<number | null>;
}

/** Runs `script` with only PATH and `env` in its environment, so no local .env leaks in. */
export function spawnScript(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
): Spawned {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let logs = "";
  child.stderr?.on("data", (d) => {
    logs += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, logs: () => logs, exited };
}

/**
 * Reads a child's first chunk of output and closes the pipe, as `| head -1` does; resolves with
 * its exit code and what it wrote to stderr by then.
 */
export async function closedEarly(
  child: ChildProcess & { stdout: Readable; stderr: Readable },
): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  await new Promise((resolve) => child.stdout.once("data", resolve));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stderr };
}
