import { userInfo } from "node:os";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { appEnv, loadDotEnv } from "../config.ts";
import type { CorpusStore, VersionInfo } from "../ports/corpus-store.ts";
import { openCorpusStore } from "../store/open-store.ts";

// What the corpus:publish, export, log and revert commands share: arguments, the store, output.

/** Parses the command line, or prints the usage and exits 2: never a raw parser message. */
export function commandLine<O extends NonNullable<ParseArgsConfig["options"]>>(
  usage: string,
  options: O,
  positionals: number,
) {
  try {
    const parsed = parseArgs({ options, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== positionals) throw new Error("wrong number of arguments");
    return parsed;
  } catch {
    console.error(`Usage: ${usage}`);
    process.exit(2);
  }
}

/** A version number as typed, or the usage and exit 2. */
export function seqArgument(text: string | undefined, usage: string): number {
  if (text && /^[1-9]\d*$/.test(text)) return Number(text);
  console.error(`"${text}" is not a version number (1, 2, 3 …).\nUsage: ${usage}`);
  process.exit(2);
}

/** Who publishes: --by, else the user running the command. */
export function publisher(by: string | undefined): string {
  if (by?.trim()) return by.trim();
  try {
    return userInfo().username || "system";
  } catch {
    return "system";
  }
}

/** Runs `work` with the store CORPUS_STORE names, closing it after; the exit code is its result. */
export async function withStore(work: (store: CorpusStore) => Promise<number>): Promise<void> {
  loadDotEnv();
  const env = appEnv(process.env);
  if (!env.ok) {
    console.error(env.error.message);
    process.exit(1);
  }
  const store = await openCorpusStore(env.value.CORPUS_STORE);
  if (!store.ok) {
    console.error(store.error.message);
    process.exit(1);
  }
  try {
    process.exitCode = await work(store.value);
  } finally {
    await store.value.close();
  }
}

/** A version as people read it: "v3 · published 1 Dec 2026 23:50 UTC by ana (4f03238f8846)". */
export function describeVersion(v: VersionInfo): string {
  const at = new Date(v.publishedAt).toISOString().slice(0, 16).replace("T", " ");
  return `v${v.seq} · published ${at} UTC by ${v.by} (${v.hash})`;
}
