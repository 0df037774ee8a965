import { z } from "zod";

/** How a plain question was read, as the reply said: the command, its options, how surely. */
const AuditUnderstood = z.object({
  command: z.string(),
  options: z.record(z.string(), z.string()),
  confidence: z.number(),
});

/**
 * One thing Factdesk told someone: an answer, a share of one into a channel, a digest post, or a
 * correction replying to one. `text` is null when AUDIT_QUERY_TEXT=off; `user` is null for digests
 * and corrections (no one asked). The shell and `ask` record `shell`/`cli` answers with the OS
 * user and no workspace or channel (empty).
 */
export const AuditEntry = z.object({
  at: z.iso.datetime(),
  kind: z.enum(["answer", "share", "digest", "correction"]),
  platform: z.string(),
  workspace: z.string(),
  channel: z.string(),
  user: z.string().nullable(),
  text: z.string().nullable(),
  understood: AuditUnderstood.nullable(),
  command: z.string().nullable(),
  /** "ok", or the reply's error code (not_found, bad_input…). */
  code: z.string(),
  corpusVersion: z.string(),
  /** The stable ids of the corpus statements the answer cited, a digest showed, a correction corrected. */
  statements: z.array(z.string()),
  /** The posted message, for shares, digests and corrections when the platform said. */
  messageId: z.string().nullable(),
  /** Which process recorded it (bot, worker, with host and pid). */
  process: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export interface AuditQuery {
  since: Date;
  channel?: string;
  user?: string;
}

/** The audit trail: written by every process, read together by `npm run audit`. */
export interface AuditLog {
  readonly name: string;
  record(entry: AuditEntry): Promise<void>;
  /** Entries at or after `since`, matching the filters, oldest first. */
  query(query: AuditQuery): Promise<AuditEntry[]>;
  /** Removes the entries from before `before` (AUDIT_RETENTION_DAYS); says how many went. */
  prune(before: Date): Promise<number>;
  close(): Promise<void>;
}

/** Whether an entry is one a query asks for. */
export function matches(entry: AuditEntry, query: AuditQuery): boolean {
  return (
    Date.parse(entry.at) >= query.since.getTime() &&
    (query.channel === undefined || entry.channel === query.channel) &&
    (query.user === undefined || entry.user === query.user)
  );
}

/** Oldest first; entries of one instant keep the order they were recorded in. */
export function byTime(entries: AuditEntry[]): AuditEntry[] {
  return entries
    .map((entry, i) => ({ entry, i, t: Date.parse(entry.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((e) => e.entry);
}

/** The audit trail in memory, for tests of what records into it. */
export function memoryAuditLog(): AuditLog {
  let entries: AuditEntry[] = [];
  return {
    name: "memory",
    async record(entry) {
      entries.push(AuditEntry.parse(entry));
    },
    async query(query) {
      return byTime(entries.filter((e) => matches(e, query)));
    },
    async prune(before) {
      const kept = entries.filter((e) => Date.parse(e.at) >= before.getTime());
      const removed = entries.length - kept.length;
      entries = kept;
      return removed;
    },
    async close() {},
  };
}
