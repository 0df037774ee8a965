import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  BOT_TOKEN,
  responseOf,
  SIGNING_SECRET,
  sendSigned,
  slashCommandBody,
  startFakeSlackApi,
} from "../support/fake-slack.ts";
import { freePort } from "../support/redis-server.ts";
import { spawnScript } from "../support/spawned.ts";
import { until } from "../support/until.ts";

const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;
const STORE = await mkdtemp(join(tmpdir(), "factdesk-ops-bot-"));
afterAll(() => rm(STORE, { recursive: true, force: true }));

describe("the bot with HEALTH_PORT (Slack over HTTP), Redis down at start", () => {
  it("is alive, not ready naming Redis, and audits and counts the answers it gives", async () => {
    const api = await startFakeSlackApi();
    const [port, healthPort, closedRedis] = [await freePort(), await freePort(), await freePort()];
    const spawned = spawnScript(MAIN, ["bot"], {
      REDIS_URL: `redis://127.0.0.1:${closedRedis}`,
      CORPUS_STORE: STORE,
      HEALTH_PORT: String(healthPort),
      PORT: String(port),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${api.url}/api/`,
    });
    const { child, exited } = spawned;
    try {
      await until(
        () => (spawned.logs().includes("slack adapter started") ? true : undefined),
        "the bot",
      );
      const messages = spawned
        .logs()
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).msg);
      for (const part of ["corpus", "audit trail", "slack adapter started"]) {
        expect(messages).toContain(part);
      }
      // The health port comes up first, so /healthz answers while the platforms connect.
      expect(messages.findIndex((m) => m.startsWith("health server listening"))).toBeLessThan(
        messages.indexOf("slack adapter started"),
      );
      for (const part of ["corpus"]) {
        expect(messages).toContain(part);
      }
      const base = `http://127.0.0.1:${healthPort}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      // Start-up ends just after the platform's line: wait for /readyz to stop saying "starting".
      const ready = await until(async () => {
        const response = await fetch(`${base}/readyz`);
        const body = (await response.json()) as { notReady: Record<string, string> };
        return body.notReady.startup ? undefined : { status: response.status, body };
      }, "start-up to end");
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({
        status: "not ready",
        ready: ["startup", "corpus", "slack"],
        notReady: { redis: "not reachable yet" },
      });

      const path = "/response/ops";
      api.route("POST", path, { body: "ok" });
      const events = `http://127.0.0.1:${port}/slack/events`;
      const ack = await sendSigned(events, slashCommandBody("actor iskp", `${api.url}${path}`));
      expect(ack.status).toBe(200);
      expect(responseOf(await api.waitFor("POST", path)).response_type).toBe("ephemeral");

      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(
        /factdesk_answers_total\{command="actor",platform="slack",code="ok",process="bot"\} 1/,
      );
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const dir = join(STORE, "audit");
      const trail = (
        await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), "utf8")))
      ).join("");
      expect(JSON.parse(trail.trim())).toMatchObject({
        kind: "answer",
        platform: "slack",
        workspace: "T1",
        channel: "C1",
        user: "U1",
        text: "actor iskp",
        command: "actor",
        code: "ok",
      });
      expect(spawned.logs() + trail).not.toContain(BOT_TOKEN);
      expect(spawned.logs() + trail).not.toContain(SIGNING_SECRET);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await api.close();
    }
  }, 120_000);
});
