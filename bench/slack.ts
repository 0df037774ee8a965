import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { App } from "@slack/bolt";
import { pino } from "pino";
import { boltLogger } from "../src/adapters/slack/logger.ts";
import { startSlack } from "../src/adapters/slack/start.ts";
import { loadCorpus } from "../src/core/corpus/load.ts";
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
/** Real and bare take turns in rounds, so drift in the machine hits both alike. */
const ROUNDS = 6;

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
async function run({ port, count, waitForAnswer }) {
  const acks = [], answers = [];
  for (let i = 0; i < count; i++) {
    const path = "/r/" + ++seq;
    const body = new URLSearchParams({ command: "/factdesk", text: workerData.text, team_id: "T1",
      channel_id: "C1", user_id: "U1", user_name: "bench", api_app_id: "A1", trigger_id: "t",
      response_url: "http://127.0.0.1:" + sink.address().port + path }).toString();
    const answer = waitForAnswer ? new Promise((r) => answered.set(path, r)) : null;
    const { start, acked } = await send(port, body);
    acks.push(acked - start);
    if (answer) answers.push((await answer) - start);
  }
  return { acks, answers };
}
sink.listen(0, "127.0.0.1", () => parentPort.postMessage("ready"));
parentPort.on("message", (job) => run(job).then((r) => parentPort.postMessage(r), (e) => parentPort.postMessage({ error: e.message })));
`;

interface Run {
  acks: number[];
  answers: number[];
}

function loadClient(): Promise<{ run(job: object): Promise<Run>; stop(): Promise<number> }> {
  const worker = new Worker(CLIENT, { eval: true, workerData: { secret: SECRET, text: TEXT } });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  return next().then(() => ({
    run: async (job) => {
      const result = next();
      worker.postMessage(job);
      const r = (await result) as Run | { error: string };
      if ("error" in r) throw new Error(`load client: ${r.error}`);
      return r;
    },
    stop: () => worker.terminate(),
  }));
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
  const loaded = await loadCorpus();
  if (!loaded.ok) throw new Error("the bundled corpus fails its check");
  const silent = pino({ level: "silent" });
  const api = await fakeApi();
  const apiUrl = `http://127.0.0.1:${portOf(api)}/api/`;

  const real = await startSlack({
    corpus: loaded.corpus,
    env: { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: "0", SLACK_API_URL: apiUrl },
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
    const realJob = (count: number) => ({ port: real.port, count, waitForAnswer: true });
    const bareJob = (count: number) => ({ port: barePort, count, waitForAnswer: false });
    await client.run(realJob(WARMUP));
    await client.run(bareJob(WARMUP));
    const acks: number[] = [];
    const answers: number[] = [];
    const bareAcks: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const r = await client.run(realJob(RUNS / ROUNDS));
      acks.push(...r.acks);
      answers.push(...r.answers);
      bareAcks.push(...(await client.run(bareJob(RUNS / ROUNDS))).acks);
    }
    const ack = summarise(acks);
    const bareAck = summarise(bareAcks);
    const answer = summarise(answers);
    const ratio = ack.p99 / bareAck.p99;
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
