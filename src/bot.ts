import type { Adapter } from "./adapters/adapter.ts";
import { hasDiscordCredentials, startDiscord } from "./adapters/discord/start.ts";
import { hasSlackCredentials, startSlack } from "./adapters/slack/index.ts";
import type { AppEnv } from "./config.ts";
import type { Corpus } from "./core/corpus/types.ts";
import { type DigestService, digestService } from "./digests/service.ts";
import { type DigestWorker, startDigestWorker } from "./digests/worker.ts";
import type { Logger } from "./log.ts";
import { connectRedis } from "./redis.ts";
import { createResponder } from "./respond.ts";

export function wantsPlatforms(env: NodeJS.ProcessEnv): boolean {
  return hasSlackCredentials(env) || hasDiscordCredentials(env);
}

/**
 * Runs the platforms whose credentials are set, with digests when Redis answers (and a digest
 * worker in this process unless DIGEST_WORKER=off). Resolves to a function that shuts it all down
 * in order: stop taking jobs and finish the one in hand, then stop listening, then disconnect.
 */
export async function startBot(
  corpus: Corpus,
  app: AppEnv,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<() => Promise<void>> {
  const redis = await connectRedis(app.REDIS_URL);
  let digests: DigestService | null = null;
  if (redis.ok) {
    redis.value.on("error", (err: Error) =>
      log.warn({ err: err.message }, "redis connection error"),
    );
    redis.value.on("reconnecting", () => log.info("reconnecting to redis"));
    digests = digestService({
      connection: redis.value,
      prefix: app.DIGEST_PREFIX,
      corpus,
      defaultTimeZone: app.DIGEST_TIMEZONE,
    });
  } else {
    log.warn({ reason: redis.error.message }, "digests unavailable; every other command works");
  }
  const respond = createResponder({
    corpus,
    digests,
    digestsUnavailable: redis.ok ? undefined : redis.error.message,
    defaultTimeZone: app.DIGEST_TIMEZONE,
    log,
  });

  const stops: Array<() => Promise<void>> = [];
  const posters = new Map<string, Adapter<unknown>>();
  if (hasSlackCredentials(env)) {
    const slack = await startSlack({ corpus, respond, env, log });
    posters.set("slack", slack.adapter);
    stops.push(slack.stop);
  }
  if (hasDiscordCredentials(env)) {
    const discord = await startDiscord({ corpus, respond, env, log });
    posters.set("discord", discord.adapter);
    stops.push(discord.stop);
  }
  let worker: DigestWorker | null = null;
  if (redis.ok && app.DIGEST_WORKER === "in-process") {
    worker = startDigestWorker({
      connection: redis.value,
      prefix: app.DIGEST_PREFIX,
      corpus,
      posters,
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
