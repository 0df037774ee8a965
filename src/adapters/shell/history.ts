import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Lines kept between sessions: enough to find last week's queries, small enough to rewrite. */
export const HISTORY_SIZE = 500;

/**
 * Where the shell keeps its history: FACTDESK_HISTORY when set ("off" keeps none), else
 * $XDG_STATE_HOME/factdesk/history, by default ~/.local/state/factdesk/history.
 */
export function historyFile(env: Record<string, string | undefined>, home: string): string | null {
  const set = env.FACTDESK_HISTORY?.trim();
  if (set === "off") return null;
  if (set) return set;
  const state = env.XDG_STATE_HOME?.trim() || join(home, ".local", "state");
  return join(state, "factdesk", "history");
}

/** The saved lines, newest first as readline takes them; none when there is no file yet. */
export async function readHistory(file: string, size = HISTORY_SIZE): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    // No file yet, or one we may not read: the session starts without history either way.
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(-size)
    .reverse();
}

/**
 * Saves readline's history (newest first) oldest first, one line each, readable by the user
 * alone: what someone asked is theirs. Written whole and renamed into place, so a session
 * ending mid-write never leaves half a file.
 */
export async function writeHistory(
  file: string,
  newestFirst: readonly string[],
  size = HISTORY_SIZE,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const lines = newestFirst.slice(0, size).reverse();
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, lines.length > 0 ? `${lines.join("\n")}\n` : "", { mode: 0o600 });
  await rename(temp, file);
}
