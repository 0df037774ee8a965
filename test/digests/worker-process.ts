import { writeSync } from "node:fs";
import { pino } from "pino";
import { slackAdapter } from "../../src/adapters/slack/adapter.ts";
import { postingClient } from "../../src/adapters/slack/post.ts";
import { openDataDir } from "../../src/corpus/open.ts";
import { redisConnection } from "../../src/digests/queue.ts";
import { startDigestWorker } from "../../src/digests/worker.ts";

// A digest worker in a process of its own, posting to the Slack API at SLACK_API_URL, so a test
// can SIGKILL it in the middle of a job. Prints "ready" once it takes jobs. CORPUS_DIR, when set,
// is the corpus it serves (a test's next version); else the bundled one. With STALL_ONCE set, its
// first delivery prints "claimed" right after claiming its slot and spins for a moment, so a test
// can SIGSTOP it between the claim and the post (no correction sweep runs then).
const { REDIS_URL, DIGEST_PREFIX, SLACK_API_URL, SLACK_BOT_TOKEN, CORPUS_DIR, STALL_ONCE } =
  process.env;
if (!REDIS_URL || !DIGEST_PREFIX || !SLACK_API_URL || !SLACK_BOT_TOKEN)
  throw new Error("env incomplete");
const opened = await openDataDir(CORPUS_DIR || undefined, null);
if (!opened.ok) throw new Error("corpus failed its check");
let stall = Boolean(STALL_ONCE);
const worker = startDigestWorker({
  connection: redisConnection(REDIS_URL),
  prefix: DIGEST_PREFIX,
  snapshots: {
    current: () => {
      if (stall) {
        stall = false;
        writeSync(1, "claimed\n");
        const until = Date.now() + 500;
        while (Date.now() < until) {}
      }
      return opened.value;
    },
  },
  posters: new Map([
    ["slack", slackAdapter(postingClient(SLACK_BOT_TOKEN, { apiUrl: SLACK_API_URL }))],
  ]),
  log: pino({ level: "silent" }),
  lockDurationMs: 1000,
  stalledIntervalMs: 500,
  correctionCheckMs: STALL_ONCE ? 3_600_000 : 200,
});
await worker.worker.waitUntilReady();
process.stdout.write("ready\n");
