import type { AuditEntry } from "../ports/audit-log.ts";

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since`: a span back from now (30m, 12h, 1d, 2w) or a date (2026-12-01, ISO time); else null. */
export function parseSince(text: string, now: number): Date | null {
  const span = /^(\d+)([mhdw])$/.exec(text.trim());
  if (span) return new Date(now - Number(span[1]) * (UNITS[span[2] as string] as number));
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : new Date(at);
}

const quoted = (text: string) => JSON.stringify(text);

/**
 * One entry as an editor reads it: when, where, who, what was asked and how it was read, what
 * came of it, and from which corpus version, with the statements cited.
 */
export function describeEntry(entry: AuditEntry, versionName: (hash: string) => string): string {
  const when = `${entry.at.slice(0, 19).replace("T", " ")} UTC`;
  // The shell and `ask` answer in no workspace or channel.
  const where =
    entry.workspace || entry.channel
      ? `${entry.platform} ${entry.workspace}/${entry.channel}`
      : entry.platform;
  const version = versionName(entry.corpusVersion);
  if (entry.kind === "digest" || entry.kind === "correction") {
    const message = entry.messageId ? ` (message ${entry.messageId})` : "";
    const told = entry.kind === "digest" ? "showed" : "corrected";
    const ids = entry.statements.length > 0 ? `; ${told} ${entry.statements.join(", ")}` : "";
    return `${when}  ${where}  ${entry.kind} posted${message}, from ${version}${ids}`;
  }
  const verb = entry.kind === "share" ? "shared" : "asked";
  const asked = entry.text === null ? "(text not kept)" : quoted(entry.text);
  const u = entry.understood;
  const read = u
    ? `, read as ${u.command}${Object.entries(u.options)
        .map(([k, v]) => ` ${k}=${quoted(v)}`)
        .join("")} (${Math.round(u.confidence * 100)}%)`
    : "";
  const result = entry.code === "ok" ? `answered with ${entry.command ?? "?"}` : entry.code;
  const cited = entry.statements.length > 0 ? `; cited ${entry.statements.join(", ")}` : "";
  return `${when}  ${where}  ${entry.user ?? "?"} ${verb} ${asked}${read} → ${result}, from ${version}${cited}`;
}
