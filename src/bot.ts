import { startDiscord } from "./adapters/discord/start.ts";
import { startSlack } from "./adapters/slack/start.ts";
import { responderFor } from "./compose.ts";
import type { SnapshotHolder } from "./corpus/holder.ts";
import { digestService, type RedisDigestService } from "./digests/service.ts";
import { type DigestWorker, startDigestWorker } from "./digests/worker.ts";
import type { Logger } from "./log.ts";
import type { CorpusHistory } from "./ports/corpus-history.ts";
import { platformPosters } from "./posters.ts";
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
): Promise<() => Promise<void>> {
  const { app } = settings;
  const redis = await connectRedis(app.REDIS_URL);
  let digests: RedisDigestService | null = null;
  if (redis.ok) {
    redis.value.on("error", (err: Error) =>
      log.warn({ err: err.message }, "redis connection error"),
    );
    redis.value.on("reconnecting", () => log.info("reconnecting to redis"));
    digests = digestService({ connection: redis.value, prefix: app.DIGEST_PREFIX });
  } else {
    log.warn({ reason: redis.error.message }, "digests unavailable; every other command works");
  }
  const responder = responderFor(
    holder,
    settings,
    digests ? { service: digests } : { unavailable: redis.ok ? "" : redis.error.message },
    log,
    history,
  );

  const stops: Array<() => Promise<void>> = [];
  if (settings.slack)
    stops.push((await startSlack({ config: settings.slack, responder, log })).stop);
  if (settings.discord) {
    stops.push((await startDiscord({ config: settings.discord, responder, log })).stop);
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
    });
  }
  return async () => {
    await worker?.close();
    for (const stop of stops) await stop();
    await digests?.close();
    if (redis.ok) await redis.value.quit();
  };
}
