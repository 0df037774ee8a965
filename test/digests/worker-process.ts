import { pino } from "pino";
import { slackAdapter } from "../../src/adapters/slack/adapter.ts";
import { postingClient } from "../../src/adapters/slack/post.ts";
import { openDataDir } from "../../src/corpus/open.ts";
import { redisConnection } from "../../src/digests/queue.ts";
import { startDigestWorker } from "../../src/digests/worker.ts";

// A digest worker in a process of its own, posting to the Slack API at SLACK_API_URL, so a test
// can SIGKILL it in the middle of a job. Prints "ready" once it takes jobs. CORPUS_DIR, when set,
// is the corpus it serves (a test's next version); else the bundled one.
const { REDIS_URL, DIGEST_PREFIX, SLACK_API_URL, SLACK_BOT_TOKEN, CORPUS_DIR } = process.env;
if (!REDIS_URL || !DIGEST_PREFIX || !SLACK_API_URL || !SLACK_BOT_TOKEN)
  throw new Error("env incomplete");
const opened = await openDataDir(CORPUS_DIR || undefined, null);
if (!opened.ok) throw new Error("corpus failed its check");
const worker = startDigestWorker({
  connection: redisConnection(REDIS_URL),
  prefix: DIGEST_PREFIX,
  snapshots: { current: () => opened.value },
  posters: new Map([
    ["slack", slackAdapter(postingClient(SLACK_BOT_TOKEN, { apiUrl: SLACK_API_URL }))],
  ]),
  log: pino({ level: "silent" }),
  lockDurationMs: 1000,
  stalledIntervalMs: 500,
  correctionCheckMs: 200,
});
await worker.worker.waitUntilReady();
process.stdout.write("ready\n");
