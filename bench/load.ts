import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { bundledSnapshot } from "../test/support/corpus.ts";
import { chatInput } from "../test/support/discord-payloads.ts";
import { startFakeDiscord } from "../test/support/fake-discord.ts";
import { freePort } from "../test/support/redis-server.ts";
import { ensureBuilt } from "./cli-start.ts";
import { summarise } from "./stats.ts";

// Load on the running bot over loopback: requests at a rising rate, a few seconds per step, until
// the ack p99 passes 100 ms or a request fails; the last step that held is the sustained rate.
// Slack: signed slash commands to a real `node dist/main.js bot` process (its Web API a local
// fake, Redis absent). Discord: raw interactions through discord.js in this process (there is
// no gateway to drive a separate one), answered to a local REST stand-in.

const ROOT = new URL("../", import.meta.url).pathname;
const SECRET = "load-signing-secret";
const ACK_P99_LIMIT_MS = 100;
const STEP_MS = 3000;
const RATES = [25, 50, 100, 200, 400, 800, 1600];
const TEXT = "attack crocus";

interface Step {
  rate: number;
  ackP99: number;
  answerP99: number;
  errors: number;
}

/** Fires `send` at `rate` per second for STEP_MS (open loop: no waiting on earlier requests). */
async function step(
  rate: number,
  send: () => Promise<{ ack: number; answer: number }>,
): Promise<Step> {
  const acks: number[] = [];
  const answers: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.round((rate * STEP_MS) / 1000);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      send().then(
        (t) => {
          acks.push(t.ack);
          answers.push(t.answer);
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  return {
    rate,
    ackP99: summarise(acks).p99,
    answerP99: summarise(answers).p99,
    errors,
  };
}

async function rising(send: () => Promise<{ ack: number; answer: number }>) {
  // Warm up first (JIT, connection pool), one request at a time, so step one measures a warm bot.
  for (let i = 0; i < 200; i++) await send();
  let held: Step | null = null;
  let broke: Step | null = null;
  for (const rate of RATES) {
    const result = await step(rate, send);
    if (result.errors > 0 || result.ackP99 > ACK_P99_LIMIT_MS) {
      broke = result;
      break;
    }
    held = result;
  }
  return { held, broke };
}

function describe(prefix: string, r: Awaited<ReturnType<typeof rising>>): Record<string, string> {
  const held = r.held
    ? `${r.held.rate}/s: ack p99 ${r.held.ackP99.toFixed(1)} ms, answer p99 ${r.held.answerP99.toFixed(1)} ms (ack target p99 < ${ACK_P99_LIMIT_MS} ms)`
    : `none: even ${RATES[0]}/s broke the target`;
  const broke = r.broke
    ? `${r.broke.rate}/s: ack p99 ${r.broke.ackP99.toFixed(1)} ms, ${r.broke.errors} errors`
    : `not reached up to ${RATES.at(-1)}/s`;
  return { [`${prefix} highest sustained rate`]: held, [`${prefix} first rate that broke`]: broke };
}

/** A Web API stand-in answering every call ok, and the response_url sink timing each answer. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
const portOf = (s: Server) => (s.address() as AddressInfo).port;

async function slackLoad(): Promise<Record<string, string>> {
  const api = await listen((req, res) => {
    req.resume();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" }));
  });
  const answered = new Map<string, (t: number) => void>();
  const sink = await listen((req, res) => {
    req.resume();
    req.on("end", () => {
      res.end("ok");
      answered.get(req.url ?? "")?.(performance.now());
      answered.delete(req.url ?? "");
    });
  });
  ensureBuilt();
  const port = await freePort();
  const bot: ChildProcess = spawn(process.execPath, ["dist/main.js", "bot"], {
    cwd: ROOT,
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: "xoxb-load",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_APP_TOKEN: "",
      DISCORD_TOKEN: "",
      DISCORD_APPLICATION_ID: "",
      SLACK_API_URL: `http://127.0.0.1:${portOf(api)}/api/`,
      PORT: String(port),
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      DIGEST_WORKER: "off",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let seq = 0;
  const send = () =>
    new Promise<{ ack: number; answer: number }>((resolve, reject) => {
      const path = `/r/${++seq}`;
      const body = new URLSearchParams({
        command: "/factdesk",
        text: TEXT,
        team_id: "T1",
        channel_id: "C1",
        user_id: "U1",
        api_app_id: "A1",
        trigger_id: "t",
        response_url: `http://127.0.0.1:${portOf(sink)}${path}`,
      }).toString();
      const ts = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
      const start = performance.now();
      const answer = new Promise<number>((r) => answered.set(path, r));
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/slack/events",
          method: "POST",
          agent,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": String(ts),
            "x-slack-signature": signature,
          },
        },
        (res) => {
          const ack = performance.now() - start;
          res.resume();
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
          const late = setTimeout(() => reject(new Error("no answer in 3 s")), 3000);
          answer.then((t) => {
            clearTimeout(late);
            resolve({ ack, answer: t - start });
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  try {
    // Up when it answers one request.
    for (let i = 0; ; i++) {
      try {
        await send();
        break;
      } catch (err) {
        if (i > 300) throw new Error(`the bot did not come up: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return describe("Slack", await rising(send));
  } finally {
    bot.kill("SIGTERM");
    agent.destroy();
    api.close();
    sink.close();
  }
}

async function discordLoad(): Promise<Record<string, string>> {
  const fake = await startFakeDiscord(await bundledSnapshot());
  const send = async () => {
    const payload = chatInput("attack", { query: "crocus" });
    const start = performance.now();
    fake.deliver(payload);
    await fake.server.waitFor("POST", fake.callbackPath(payload));
    const ms = performance.now() - start;
    return { ack: ms, answer: ms };
  };
  try {
    return describe("Discord", await rising(send));
  } finally {
    await fake.close();
  }
}

/** Both platforms' sustained rates; about a minute on two cores. */
export async function benchLoad(): Promise<Record<string, string>> {
  return {
    ...(await slackLoad()),
    ...(await discordLoad()),
    "what limits it":
      "the bot's one event loop (Bolt's receiver and signature check, or discord.js, per request), sharing the cores with this load generator",
    "load average (1 min) after the runs": loadavg()[0]?.toFixed(1) ?? "?",
  };
}
