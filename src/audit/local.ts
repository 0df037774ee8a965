import { hostname, userInfo } from "node:os";
import type { Logger } from "../log.ts";
import type { AuditLog } from "../ports/audit-log.ts";
import type { Settings } from "../settings.ts";
import { type AuditRecorder, auditRecorder, processName, secretsOf } from "./recorder.ts";

/** The OS user running the shell or `ask`, as the trail names them. */
export function osUser(): string {
  try {
    return userInfo().username || "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * The trail opened on the first write, not before: `ask` answers before the audit store (and, for
 * PostgreSQL, its driver) is even loaded. An open that fails fails every write with its reason.
 */
function openedOnFirstWrite(settings: Settings, file: string): AuditLog {
  let opening: Promise<AuditLog> | null = null;
  const open = () => {
    opening ??= import("./open.ts")
      .then(({ openAuditLog }) => openAuditLog(settings.app.AUDIT_STORE, file))
      .then((opened) => {
        if (!opened.ok) throw new Error(opened.error.message);
        return opened.value;
      });
    return opening;
  };
  const where = settings.app.AUDIT_STORE;
  return {
    name: where.kind === "directory" ? `directory ${where.path}` : "postgres",
    record: async (entry) => (await open()).record(entry),
    query: async (query) => (await open()).query(query),
    prune: async (before) => (await open()).prune(before),
    async close() {
      // Never opened: nothing was written, nothing to close.
      if (opening) await (await opening.catch(() => null))?.close();
    },
  };
}

/** Why a write failed, in a few words: the place and an errno code, else the message's first clause. */
function shortReason(err: Error, place: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code) return `${place} is not writable (${code}); see AUDIT_STORE`;
  return err.message.split(/[:.]\s/)[0] ?? err.message;
}

export interface LocalAuditRecorder extends AuditRecorder {
  /** Waits for the writes in flight and closes the trail; call before the process exits. */
  close(): Promise<void>;
}

/**
 * Records the shell's and `ask`'s answers like the bot's (platform `shell` or `cli`, the OS user,
 * no workspace or channel), in AUDIT_STORE under the same rules. Answering never waits for it, and
 * a trail that cannot be written (read-only, unwritable, PostgreSQL down) says so once, in one
 * line on the stderr the user reads, and answering goes on. One-shot asks on a host share one
 * file a day (whole-line appends), so a script that asks thousands of times leaves one file.
 */
export function localAuditRecorder(
  platform: "shell" | "cli",
  settings: Settings,
  log: Logger,
): LocalAuditRecorder {
  const audit = openedOnFirstWrite(settings, `${platform}@${hostname()}`);
  let warned = false;
  const recorder = auditRecorder({
    audit,
    process: processName(platform === "cli" ? "ask" : "shell"),
    keepText: settings.app.AUDIT_QUERY_TEXT === "on",
    secrets: secretsOf(settings),
    log,
    local: { platform, user: osUser() },
    writeFailed(err) {
      if (warned) return;
      warned = true;
      log.warn(`answers are not recorded: ${shortReason(err, audit.name)}`);
    },
  });
  // Closed once, whichever comes first: the end of the answers or a reader closing early.
  let closing: Promise<void> | null = null;
  return {
    ...recorder,
    close() {
      closing ??= recorder.flush().then(() => audit.close());
      return closing;
    },
  };
}
