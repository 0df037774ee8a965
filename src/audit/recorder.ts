import { hostname } from "node:os";
import type { Answered } from "../commands/responder.ts";
import { statementIdsShown } from "../core/reply/statements.ts";
import type { Logger } from "../log.ts";
import type { AuditEntry, AuditLog } from "../ports/audit-log.ts";
import type { Settings } from "../settings.ts";
import { redactSecrets } from "./redact.ts";

/** Every token and secret in the settings, kept out of the audit trail wherever typed. */
export function secretsOf(settings: Settings): string[] {
  const { slack, discord } = settings;
  return [
    slack?.botToken,
    slack?.mode === "socket" ? slack.appToken : slack?.signingSecret,
    discord?.token,
  ].filter((s): s is string => typeof s === "string");
}

/** A process's name in the trail: what it is, where it runs, which one. */
export function processName(kind: string): string {
  return `${kind}@${hostname()}:${process.pid}`;
}

export interface AuditRecorder {
  answered(answered: Answered): void;
  /** A digest post, or a correction (`correction`) replying to one, with the statements it told. */
  digestPosted(post: {
    subscriptionId: string;
    messageId: string;
    corpusVersion: string;
    statements: readonly string[];
    correction?: boolean;
    at?: Date;
  }): void;
  /** Waits for the writes in flight. */
  flush(): Promise<void>;
}

/**
 * Records answers, shares and digest posts into the audit trail without holding anyone up: a
 * failed write is logged (once a minute at most) and the answer goes out regardless. Text is
 * kept unless AUDIT_QUERY_TEXT=off, and never with a secret in it.
 */
export function auditRecorder(options: {
  audit: AuditLog;
  process: string;
  keepText: boolean;
  /** The configured tokens and secrets, replaced wherever they appear in asked text. */
  secrets: readonly string[];
  log: Logger;
  /**
   * For the shell and `ask`: who answers are recorded as (platform `shell` or `cli`, the OS user),
   * with no workspace or channel, whatever the caller says.
   */
  local?: { platform: string; user: string };
  /** Told of a failed write instead of the default log line (once a minute at most). */
  writeFailed?: (err: Error) => void;
  now?: () => Date;
}): AuditRecorder {
  const { audit, log, local } = options;
  const now = options.now ?? (() => new Date());
  const pending = new Set<Promise<void>>();
  let lastWarned = 0;
  const writeFailed =
    options.writeFailed ??
    ((err: Error) => {
      if (Date.now() - lastWarned < 60_000) return;
      lastWarned = Date.now();
      log.warn({ err: err.message, store: audit.name }, "audit write failed");
    });
  const write = (entry: AuditEntry) => {
    const done = audit
      .record(entry)
      .catch((err: unknown) => writeFailed(err as Error))
      .finally(() => pending.delete(done));
    pending.add(done);
  };
  const text = (t: string) => (options.keepText ? redactSecrets(t, options.secrets) : null);

  return {
    answered({ request, reply }) {
      const { caller, input, via } = request;
      const asked = "text" in input ? input.text : reply.query;
      write({
        at: now().toISOString(),
        kind: via === "share" ? "share" : "answer",
        platform: local?.platform ?? caller.platform,
        workspace: local ? "" : caller.workspaceId,
        channel: local ? "" : caller.channelId,
        user: local?.user ?? caller.userId,
        text: text(asked),
        understood: reply.understood ?? null,
        command: reply.command,
        code: reply.ok ? "ok" : reply.error.code,
        corpusVersion: reply.corpusVersion,
        statements: statementIdsShown(reply),
        messageId: null,
        process: options.process,
      });
    },
    digestPosted({ subscriptionId, messageId, corpusVersion, statements, correction, at }) {
      // A subscription id is platform:workspace:channel.
      const [platform = "", workspace = "", ...channel] = subscriptionId.split(":");
      write({
        at: (at ?? now()).toISOString(),
        kind: correction ? "correction" : "digest",
        platform,
        workspace,
        channel: channel.join(":"),
        user: null,
        text: null,
        understood: null,
        command: "digest",
        code: "ok",
        corpusVersion,
        statements: [...statements],
        messageId,
        process: options.process,
      });
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}
