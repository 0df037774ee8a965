import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { type Client, Events } from "discord.js";
import { pino } from "pino";
import { createClient } from "../src/adapters/discord/client.ts";
import { listenForInteractions } from "../src/adapters/discord/interactions.ts";
import { BUNDLED_DATA_DIR } from "../src/corpus/files.ts";
import { openDataDir } from "../src/corpus/open.ts";
import { autocomplete, chatInput } from "../test/support/discord-payloads.ts";
import { dispatchInteraction } from "../test/support/fake-discord.ts";
import { offlineResponder } from "./responder.ts";
import { summarise } from "./stats.ts";

// Latency from a raw INTERACTION_CREATE payload entering discord.js to its callback request
// arriving at a local stand-in for Discord's REST API, on loopback: the part of Discord's
// 3-second budget this process spends. A bare client whose handler replies "ok" runs in the
// same rounds for comparison.

const RUNS = 3000;
const WARMUP = 300;
const ROUNDS = 6;
const PARTIALS: ReadonlyArray<[string, string, string]> = [
  ["actor", "name", "isis"],
  ["attack", "query", "krok"],
  ["actor", "name", "rahm"],
];

/** Answers every callback with 204 and reports when each one has fully arrived. */
async function fakeApi() {
  const waiting = new Map<string, (at: number) => void>();
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const at = performance.now();
      res.writeHead(204).end();
      const path = (req.url ?? "").replace(/\?.*/, "");
      waiting.get(path)?.(at);
      waiting.delete(path);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    callback(payload: { id: string; token: string }): Promise<number> {
      const path = `/api/v10/interactions/${payload.id}/${payload.token}/callback`;
      return new Promise((resolve) => waiting.set(path, resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Api = Awaited<ReturnType<typeof fakeApi>>;

async function time(
  api: Api,
  client: Client,
  payload: { id: string; token: string },
): Promise<number> {
  const arrived = api.callback(payload);
  const start = performance.now();
  dispatchInteraction(client, payload);
  return (await arrived) - start;
}

async function series(count: number, one: (i: number) => Promise<number>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(await one(i));
  return samples;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export async function benchDiscord(): Promise<Record<string, number | string>> {
  const opened = await openDataDir(BUNDLED_DATA_DIR, null);
  if (!opened.ok) throw new Error("the bundled corpus fails its check");
  const api = await fakeApi();
  const real = createClient({ apiUrl: api.apiUrl });
  const log = pino({ level: "silent" });
  listenForInteractions(real, { responder: offlineResponder(opened.value), log });
  const bare = createClient({ apiUrl: api.apiUrl });
  bare.on(Events.InteractionCreate, (i) => {
    if (i.isRepliable()) void i.reply({ content: "ok" });
  });

  const command = () => time(api, real, chatInput("attack", { query: "crocus" }));
  const complete = (i: number) => {
    const [sub, option, partial] = PARTIALS[i % PARTIALS.length] as [string, string, string];
    return time(api, real, autocomplete(sub, option, partial));
  };
  const bareCommand = () => time(api, bare, chatInput("attack", { query: "crocus" }));

  try {
    await series(WARMUP, command);
    await series(WARMUP, complete);
    await series(WARMUP, bareCommand);
    const answers: number[] = [];
    const choices: number[] = [];
    const bares: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      answers.push(...(await series(RUNS / ROUNDS, command)));
      choices.push(...(await series(RUNS / ROUNDS, complete)));
      bares.push(...(await series(RUNS / ROUNDS, bareCommand)));
    }
    const answer = summarise(answers);
    const choice = summarise(choices);
    const bareAnswer = summarise(bares);
    return {
      "discord.interactions": answer.runs,
      "discord.answer_p50_ms": round3(answer.p50),
      "discord.answer_p99_ms": round3(answer.p99),
      "discord.autocomplete_p50_ms": round3(choice.p50),
      "discord.autocomplete_p99_ms": round3(choice.p99),
      "discord.bare_reply_p50_ms": round3(bareAnswer.p50),
      "discord.bare_reply_p99_ms": round3(bareAnswer.p99),
      "discord.target": "answer and autocomplete p99 < 20 ms",
      "discord.verdict": answer.p99 < 20 && choice.p99 < 20 ? "pass" : "FAIL",
    };
  } finally {
    await real.destroy();
    await bare.destroy();
    await api.close();
  }
}
