import type { Adapter } from "../adapters/adapter.ts";
import { discordAdapter } from "../adapters/discord/adapter.ts";
import { createRest } from "../adapters/discord/client.ts";
import { discordConfig } from "../adapters/discord/config.ts";
import { hasDiscordCredentials } from "../adapters/discord/start.ts";
import {
  hasSlackCredentials,
  parseSlackConfig,
  postingClient,
  slackAdapter,
} from "../adapters/slack/index.ts";
import { appEnv, loadDotEnv } from "../config.ts";
import { openCorpus } from "../corpus/open.ts";
import { startDigestWorker } from "../digests/worker.ts";
import { log } from "../log.ts";
import { connectRedis } from "../redis.ts";
import { onShutdown } from "../shutdown.ts";
import { corpusFailureMessage } from "./corpus-failure.ts";

// `npm run worker`: a digest worker on its own, posting through the platforms' APIs. Run as many
// as you like against one Redis; BullMQ hands each job to one of them.
loadDotEnv();
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const app = appEnv(process.env);
if (!app.ok) fail(app.error.message);
const settings = app.value;
log.level = settings.LOG_LEVEL;

const loaded = await openCorpus(settings.FACTDESK_DATA_DIR);
if (!loaded.ok) fail(corpusFailureMessage(loaded.problems));
const corpus = loaded.corpus;

const posters = new Map<string, Adapter<unknown>>();
if (hasSlackCredentials(process.env)) {
  const slack = parseSlackConfig(process.env);
  if (!slack.ok) fail(slack.error.message);
  posters.set(
    "slack",
    slackAdapter(postingClient(slack.value.botToken, { apiUrl: slack.value.apiUrl })),
  );
}
if (hasDiscordCredentials(process.env)) {
  const discord = discordConfig(process.env);
  if (!discord.ok) fail(discord.error.message);
  posters.set("discord", discordAdapter(createRest(discord.value)));
}
if (posters.size === 0)
  fail(
    "No Slack or Discord credentials are set, so there is nowhere to post digests. See .env.example.",
  );

const redis = await connectRedis(settings.REDIS_URL);
if (!redis.ok) fail(`The digest worker needs Redis: ${redis.error.message}.`);
const connection = redis.value;

const worker = startDigestWorker({
  connection,
  prefix: settings.DIGEST_PREFIX,
  corpus,
  posters,
  log,
  concurrency: settings.DIGEST_CONCURRENCY,
});
log.info(
  { platforms: [...posters.keys()], concurrency: settings.DIGEST_CONCURRENCY },
  "digest worker started",
);
onShutdown(async () => {
  await worker.close();
  await connection.quit();
}, log);
