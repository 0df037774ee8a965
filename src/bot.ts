import type { Redis } from "ioredis";
import type { RunningPlatform } from "./adapters/adapter.ts";
import { startDiscord } from "./adapters/discord/start.ts";
import { startSlack } from "./adapters/slack/start.ts";
import { responderFor } from "./compose.ts";
import type { SnapshotHolder } from "./corpus/holder.ts";
import { digestService, type RedisDigestService } from "./digests/service.ts";
import { type DigestWorker, startDigestWorker } from "./digests/worker.ts";
import { platformCheck, redisCheck } from "./health/checks.ts";
import type { Ops } from "./health/ops.ts";
import type { Logger } from "./log.ts";
import type { CorpusHistory } from "./ports/corpus-history.ts";
import { platformPosters } from "./posters.ts";
import { connectRedis, connectRedisWhenUp } from "./redis.ts";
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
  // What a user is told while Redis is away: no host names or ports, which are for the log.
  const availability: { service?: RedisDigestService; unavailable: string } = {
    unavailable: "the digest service cannot be reached right now; it comes back on its own",
  };
  let connection: Redis | null = null;
  let worker: DigestWorker | null = null;
  const useRedis = (redis: Redis) => {
    connection = redis;
    redis.on("error", (err: Error) => log.warn({ err: err.message }, "redis connection error"));
    redis.on("reconnecting", () => log.info("reconnecting to redis"));
    ops?.watchRedis(redis, app.DIGEST_PREFIX);
    availability.service = digestService({ connection: redis, prefix: app.DIGEST_PREFIX });
    log.info({ prefix: app.DIGEST_PREFIX }, "digests on");
    if (app.DIGEST_WORKER === "in-process") {
      worker = startDigestWorker({
        connection: redis,
        prefix: app.DIGEST_PREFIX,
        snapshots: holder,
        posters: platformPosters(settings),
        log,
        concurrency: app.DIGEST_CONCURRENCY,
        onOutcome: ops?.digestOutcome,
      });
      log.info({ concurrency: app.DIGEST_CONCURRENCY }, "digest worker started in-process");
    }
  };
  const redis = await connectRedis(app.REDIS_URL);
  let stopRetrying = () => {};
  if (redis.ok) useRedis(redis.value);
  else {
    log.warn(
      { reason: redis.error.message },
      "digests unavailable until Redis answers; every other command works",
    );
    stopRetrying = connectRedisWhenUp(app.REDIS_URL, (late) => {
      useRedis(late);
      log.info("redis answers: digests available");
    });
  }
  // Read per request, so digests appear once Redis answers.
  const responder = responderFor(holder, settings, availability, log, history, ops?.answered);
  ops?.checks.push(redisCheck(() => connection, "not reachable yet"));

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
  return async () => {
    stopRetrying();
    await worker?.close();
    for (const stop of stops) await stop();
    await availability.service?.close();
    await connection?.quit();
  };
}
