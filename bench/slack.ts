import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { App } from "@slack/bolt";
import { pino } from "pino";
import { parseSlackConfig } from "../src/adapters/slack/config.ts";
import { boltLogger } from "../src/adapters/slack/logger.ts";
import { startSlack } from "../src/adapters/slack/start.ts";
import { BUNDLED_DATA_DIR } from "../src/corpus/files.ts";
import { openDataDir } from "../src/corpus/open.ts";
import { offlineResponder } from "./responder.ts";
import { summarise } from "./stats.ts";

// Ack latency of /factdesk through the real HTTP receiver on loopback, next to a bare Bolt app
// whose handler only acks, in the same run. The load generator runs in a worker thread, so it
// sees the ack when it is written (as Slack would), not when this thread is next free; and it
// waits for each answer to reach response_url before sending the next request.

const SECRET = "bench-signing-secret";
const TOKEN = "xoxb-bench";
const TEXT = "attack crocus";
const RUNS = 3000;
const WARMUP = 300;
/**
 * Pause after each request. Slash commands come from people, seconds apart: each request should
 * meet an idle server, not the tail of the previous answer.
 */
const GAP_MS = 2;

// Plain JavaScript: an eval'd worker is not compiled by tsx. Signs each request as Slack does and
// times it from the first byte sent to the response headers.
const CLIENT = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const { createHmac } = require("node:crypto");
const { performance } = require("node:perf_hooks");
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const answered = new Map();
let seq = 0;
const sink = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.end("ok");
    const done = answered.get(req.url);
    answered.delete(req.url);
    if (done) done(performance.now());
  });
});
function send(port, body) {
  const ts = Math.floor(Date.now() / 1000);
  const signature = "v0=" + createHmac("sha256", workerData.secret).update("v0:" + ts + ":" + body).digest("hex");
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request({ host: "127.0.0.1", port, path: "/slack/events", method: "POST", agent, headers: {
      "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body),
      "x-slack-request-timestamp": String(ts), "x-slack-signature": signature } }, (res) => {
      const acked = performance.now();
      res.resume();
      res.on("end", () => res.statusCode === 200 ? resolve({ start, acked }) : reject(new Error("HTTP " + res.statusCode)));
    });
    req.on("error", reject);
    req.end(body);
  });
}
// Alternates between the targets request by request, so both meet the same machine at the same time.
async function run({ targets, count, gapMs }) {
  const acks = targets.map(() => []), answers = targets.map(() => []);
  for (let i = 0; i < count; i++) {
    for (const [t, { port, waitForAnswer }] of targets.entries()) {
      const path = "/r/" + ++seq;
      const body = new URLSearchParams({ command: "/factdesk", text: workerData.text, team_id: "T1",
        channel_id: "C1", user_id: "U1", user_name: "bench", api_app_id: "A1", trigger_id: "t",
        response_url: "http://127.0.0.1:" + sink.address().port + path }).toString();
      const answer = waitForAnswer ? new Promise((r) => answered.set(path, r)) : null;
      const { start, acked } = await send(port, body);
      acks[t].push(acked - start);
      if (answer) answers[t].push((await answer) - start);
      await new Promise((r) => setTimeout(r, gapMs));
    }
  }
  return { acks, answers };
}
sink.listen(0, "127.0.0.1", () => parentPort.postMessage("ready"));
parentPort.on("message", (job) => run(job).then((r) => parentPort.postMessage(r), (e) => parentPort.postMessage({ error: e.message })));
`;

interface Target {
  port: number;
  /** Wait for the answer at response_url before the next request (the bare app sends none). */
  waitForAnswer: boolean;
}

interface Run {
  /** Per target, in the order given. */
  acks: number[][];
  answers: number[][];
}

async function loadClient() {
  const worker = new Worker(CLIENT, { eval: true, workerData: { secret: SECRET, text: TEXT } });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      worker.once("error", reject);
      worker.once("message", (m) => {
        worker.off("error", reject);
        resolve(m);
      });
    });
  await next();
  return {
    async run(targets: Target[], count: number): Promise<Run> {
      const result = next();
      worker.postMessage({ targets, count, gapMs: GAP_MS });
      const r = (await result) as Run | { error: string };
      if ("error" in r) throw new Error(`load client: ${r.error}`);
      return r;
    },
    stop: () => worker.terminate(),
  };
}

/** Answers auth.test, the only Web API call either app makes here. */
async function fakeApi(): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

export async function benchSlack(): Promise<Record<string, number | string>> {
  const opened = await openDataDir(BUNDLED_DATA_DIR, null);
  if (!opened.ok) throw new Error("the bundled corpus fails its check");
  const silent = pino({ level: "silent" });
  const api = await fakeApi();
  const apiUrl = `http://127.0.0.1:${portOf(api)}/api/`;

  const config = parseSlackConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    PORT: "0",
    SLACK_API_URL: apiUrl,
  });
  if (!config.ok) throw new Error(config.error.message);
  const real = await startSlack({
    config: config.value,
    responder: offlineResponder(opened.value),
    log: silent,
  });
  // The same options as startSlack gives its App; only the handler differs.
  const bare = new App({
    token: TOKEN,
    signingSecret: SECRET,
    processBeforeResponse: false,
    logger: boltLogger(silent),
    clientOptions: { slackApiUrl: apiUrl },
    convoStore: false,
    deferInitialization: true,
  });
  bare.command("/factdesk", async ({ ack }) => {
    await ack();
  });
  await bare.init();
  const barePort = portOf(await bare.start(0));
  const client = await loadClient();

  try {
    const targets = [
      { port: real.port ?? 0, waitForAnswer: true },
      { port: barePort, waitForAnswer: false },
    ];
    await client.run(targets, WARMUP);
    const {
      acks: [acks = [], bareAcks = []],
      answers: [answers = []],
    } = await client.run(targets, RUNS);
    const ack = summarise(acks);
    const bareAck = summarise(bareAcks);
    const answer = summarise(answers);
    const ratio = ack.p99 / bareAck.p99;
    // answer_*: from sending the command to its answer arriving at response_url.
    return {
      "slack.requests": ack.runs,
      "slack.ack_p50_ms": round3(ack.p50),
      "slack.ack_p99_ms": round3(ack.p99),
      "slack.bare_ack_p50_ms": round3(bareAck.p50),
      "slack.bare_ack_p99_ms": round3(bareAck.p99),
      "slack.ack_p99_vs_bare": round3(ratio),
      "slack.answer_p50_ms": round3(answer.p50),
      "slack.answer_p99_ms": round3(answer.p99),
      "slack.target": "ack p99 < 20 ms and within 1.5x of bare",
      "slack.verdict": ack.p99 < 20 && ratio <= 1.5 ? "pass" : "FAIL",
    };
  } finally {
    await client.stop();
    await real.stop();
    await bare.stop();
    await new Promise((resolve) => api.close(resolve));
  }
}
