import type { RunningPlatform } from "./adapters/adapter.ts";
import { startDiscord } from "./adapters/discord/start.ts";
import { startSlack } from "./adapters/slack/start.ts";
import { platformPosters, responderFor } from "./compose.ts";
import type { SnapshotHolder } from "./corpus/holder.ts";
import { digestService, type RedisDigestService } from "./digests/service.ts";
import { type DigestWorker, startDigestWorker } from "./digests/worker.ts";
import { platformCheck, redisCheck } from "./health/checks.ts";
import type { Ops } from "./health/ops.ts";
import type { Logger } from "./log.ts";
import type { CorpusHistory } from "./ports/corpus-history.ts";
import { connectRedis } from "./redis.ts";
import type { Settings } from "./settings.ts";

/**
 * Runs the platforms whose credentials are set, with digests when Redis answers (and a digest
 * worker in this process unless DIGEST_WORKER=off). Resolves to a function that shuts it all down
 * in order: stop taking jobs and finish the one in hand, then stop listening, then disconnect.
 */
export async function startBot(
  settings: Settings,
  holder: SnapshotHolder,
  log: Logger,
  history: CorpusHistory | null,
  ops?: Ops,
): Promise<() => Promise<void>> {
  const { app } = settings;
  const redis = await connectRedis(app.REDIS_URL);
  let digests: RedisDigestService | null = null;
  if (redis.ok) {
    redis.value.on("error", (err: Error) =>
      log.warn({ err: err.message }, "redis connection error"),
    );
    redis.value.on("reconnecting", () => log.info("reconnecting to redis"));
    ops?.watchRedis(redis.value, app.DIGEST_PREFIX);
    digests = digestService({ connection: redis.value, prefix: app.DIGEST_PREFIX });
    log.info({ prefix: app.DIGEST_PREFIX }, "digests on");
  } else {
    log.warn({ reason: redis.error.message }, "digests unavailable; every other command works");
  }
  const responder = responderFor(
    holder,
    settings,
    digests ? { service: digests } : { unavailable: redis.ok ? "" : redis.error.message },
    log,
    history,
    ops?.answered,
  );
  ops?.checks.push(redisCheck(redis.ok ? redis.value : null, "not reachable at start-up"));

  const stops: Array<() => Promise<void>> = [];
  const platforms: Array<[string, RunningPlatform]> = [];
  if (settings.slack)
    platforms.push(["slack", await startSlack({ config: settings.slack, responder, log })]);
  if (settings.discord) {
    platforms.push(["discord", await startDiscord({ config: settings.discord, responder, log })]);
  }
  for (const [name, running] of platforms) {
    stops.push(running.stop);
    ops?.checks.push(platformCheck(name, running.connected));
  }
  let worker: DigestWorker | null = null;
  if (redis.ok && app.DIGEST_WORKER === "in-process") {
    worker = startDigestWorker({
      connection: redis.value,
      prefix: app.DIGEST_PREFIX,
      snapshots: holder,
      posters: platformPosters(settings),
      log,
      concurrency: app.DIGEST_CONCURRENCY,
      onOutcome: ops?.digestOutcome,
    });
    log.info({ concurrency: app.DIGEST_CONCURRENCY }, "digest worker started in-process");
  }
  return async () => {
    await worker?.close();
    for (const stop of stops) await stop();
    await digests?.close();
    if (redis.ok) await redis.value.quit();
  };
}
