import type { Redis } from "ioredis";
import { openAuditLog } from "../audit/open.ts";
import { auditRecorder, processName, secretsOf } from "../audit/recorder.ts";
import type { Answered } from "../commands/responder.ts";
import type { CorpusSnapshot } from "../core/snapshot.ts";
import type { DeliveryOutcome } from "../digests/deliver.ts";
import { digestQueue } from "../digests/queue.ts";
import type { Logger } from "../log.ts";
import { createMetrics, type Metrics } from "../metrics.ts";
import type { AuditLog } from "../ports/audit-log.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { Settings } from "../settings.ts";
import { corpusCheck, queueStats } from "./checks.ts";
import { type HealthServer, type ReadinessCheck, startHealthServer } from "./server.ts";

const DAY_MS = 86_400_000;

/**
 * What every long-running process (the bot in any mode, `npm run worker`, the desk) adds around
 * its work: metrics, the audit trail, and the health port. Make it with `startOps`, add the
 * readiness checks as parts come up, then `serve()`.
 */
export interface Ops {
  metrics: Metrics;
  checks: ReadinessCheck[];
  /** The responder's observer: metrics and the audit trail of every answer. */
  answered(answered: Answered): void;
  /** The digest worker's observer: metrics, and the audit trail of each post. */
  digestOutcome(
    outcome: DeliveryOutcome | { kind: "failed" },
    job: { subscriptionId: string; corpusVersion: string },
  ): void;
  /**
   * The corpus part: its readiness check (store reachable, a version loaded; `behind` is where a
   * follower of the store says the loaded version is not the newest), the version gauge, and the
   * start-up line naming both.
   */
  watchCorpus(
    store: CorpusStore,
    snapshots: { current(): CorpusSnapshot },
    behind?: () => string | null,
  ): void;
  /** Counts Redis reconnects and reads the digest queue's depth at each scrape. */
  watchRedis(redis: Redis, prefix: string): void;
  /**
   * Starts the health server on HEALTH_PORT (none when unset), before the parts connect, so
   * /healthz answers throughout start-up; /readyz says "starting" until `started()`.
   */
  serve(): Promise<HealthServer | null>;
  /** Every part is up and its check added: readiness now depends on the checks alone. */
  started(): void;
  close(): Promise<void>;
}

export async function startOps(kind: string, settings: Settings, log: Logger): Promise<Ops> {
  const { app } = settings;
  const metrics = createMetrics(kind);
  let starting = true;
  const checks: ReadinessCheck[] = [
    { name: "startup", check: () => (starting ? "still starting" : null) },
  ];
  const closing: Array<() => Promise<void>> = [];
  const name = processName(kind);

  const opened = await openAuditLog(app.AUDIT_STORE, name);
  let audit: AuditLog | null = null;
  if (opened.ok) {
    audit = opened.value;
    const trail = audit;
    const prune = () =>
      trail
        .prune(new Date(Date.now() - app.AUDIT_RETENTION_DAYS * DAY_MS))
        .then((removed) => {
          if (removed > 0) log.info({ removed }, "audit entries past retention removed");
        })
        .catch((err: unknown) => log.warn({ err: (err as Error).message }, "audit prune failed"));
    void prune();
    const daily = setInterval(prune, DAY_MS);
    daily.unref();
    closing.push(async () => clearInterval(daily));
    log.info(
      { store: audit.name, retentionDays: app.AUDIT_RETENTION_DAYS, text: app.AUDIT_QUERY_TEXT },
      "audit trail",
    );
  } else {
    log.warn({ reason: opened.error.message }, "audit trail unavailable; answers are not recorded");
  }
  const recorder = audit
    ? auditRecorder({
        audit,
        process: name,
        keepText: app.AUDIT_QUERY_TEXT === "on",
        secrets: secretsOf(settings),
        log,
      })
    : null;

  let server: HealthServer | null = null;
  return {
    metrics,
    checks,
    answered(answered) {
      metrics.answered(answered);
      recorder?.answered(answered);
    },
    digestOutcome(outcome, job) {
      metrics.digestOutcome(outcome);
      // A correction job that replied to several messages reports the earlier posts alongside.
      const earlier = "alsoPosted" in outcome ? (outcome.alsoPosted ?? []) : [];
      for (const post of earlier) metrics.digestOutcome({ kind: "posted", ...post });
      const posts = outcome.kind === "posted" ? [...earlier, outcome] : earlier;
      for (const { messageId, statements, corpusVersion, correction } of posts) {
        recorder?.digestPosted({
          subscriptionId: job.subscriptionId,
          messageId,
          corpusVersion,
          statements,
          correction: correction === true,
        });
      }
    },
    watchCorpus(store, snapshots, behind) {
      checks.push(corpusCheck(store, snapshots, behind));
      metrics.watchCorpus(() => snapshots.current().release?.seq ?? 0);
      const { release, corpus } = snapshots.current();
      log.info({ store: store.name, seq: release?.seq ?? null, version: corpus.version }, "corpus");
    },
    watchRedis(redis, prefix) {
      redis.on("reconnecting", () => metrics.redisReconnected());
      const queue = digestQueue(redis, prefix);
      metrics.watchQueue(queueStats(queue));
      closing.push(() => queue.close());
    },
    async serve() {
      if (app.HEALTH_PORT === undefined) {
        log.info("health port off (set HEALTH_PORT to serve /healthz, /readyz and /metrics)");
        return null;
      }
      try {
        server = await startHealthServer({
          port: app.HEALTH_PORT,
          checks,
          registry: metrics.registry,
          log,
        });
      } catch (err) {
        throw new Error(
          `The health server could not listen on HEALTH_PORT ${app.HEALTH_PORT} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
        );
      }
      log.info(
        { port: server.port, checks: checks.map((c) => c.name) },
        "health server listening: /healthz /readyz /metrics",
      );
      return server;
    },
    started() {
      starting = false;
    },
    async close() {
      await server?.close();
      for (const close of closing) await close();
      await recorder?.flush();
      await audit?.close();
    },
  };
}
