import { openCorpus } from "../compose.ts";
import { loadDotEnv } from "../config.ts";
import { followCorpus } from "../corpus/follow.ts";
import { startDigestWorker } from "../digests/worker.ts";
import { redisCheck } from "../health/checks.ts";
import { startOps } from "../health/ops.ts";
import { log } from "../log.ts";
import { platformPosters } from "../posters.ts";
import { connectRedis } from "../redis.ts";
import { readSettings } from "../settings.ts";
import { onShutdown } from "../shutdown.ts";

// `npm run worker`: a digest worker on its own, posting through the platforms' APIs. Run as many
// as you like against one Redis; BullMQ hands each job to one of them.
loadDotEnv();
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const read = readSettings(process.env);
if (!read.ok) fail(read.error.message);
const settings = read.value;
log.level = settings.app.LOG_LEVEL;

const posters = platformPosters(settings);
if (posters.size === 0)
  fail(
    "No Slack or Discord credentials are set, so there is nowhere to post digests. See .env.example.",
  );

const opened = await openCorpus(settings, log);
if (!opened.ok) fail(opened.error);
const { holder, store } = opened.value;
const redis = await connectRedis(settings.app.REDIS_URL);
if (!redis.ok) fail(`The digest worker needs Redis: ${redis.error.message}.`);
const connection = redis.value;
const ops = await startOps("worker", settings, log);
const follower = followCorpus({ store, holder, log, onSwap: () => ops.metrics.corpusReloaded() });
ops.watchCorpus(store, holder, () => follower.status().behind?.reason ?? null);
ops.watchRedis(connection, settings.app.DIGEST_PREFIX);
ops.checks.push(redisCheck(connection));

const worker = startDigestWorker({
  connection,
  prefix: settings.app.DIGEST_PREFIX,
  snapshots: holder,
  posters,
  log,
  concurrency: settings.app.DIGEST_CONCURRENCY,
  onOutcome: ops.digestOutcome,
});
await ops.serve().catch((err: Error) => fail(err.message));
ops.started();
log.info(
  { platforms: [...posters.keys()], concurrency: settings.app.DIGEST_CONCURRENCY },
  "digest worker started",
);
onShutdown(async () => {
  await worker.close();
  await ops.close();
  await connection.quit();
  follower.stop();
  await store.close();
}, log);
