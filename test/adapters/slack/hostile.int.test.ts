import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSlack } from "../../../src/adapters/slack/start.ts";
import {
  apiCallOf,
  eventBody,
  nowSeconds,
  responseOf,
  sendSigned,
  slashCommandBody,
  startFakeSlackApi,
  startTestSlack,
  testEnv,
} from "../../support/fake-slack.ts";
import type { RecordingServer } from "../../support/recording-server.ts";
import { until } from "../../support/until.ts";

// Correctly signed requests that no real Slack sends, through the real Bolt app over HTTP: each
// is refused or answered plainly, and the bot serves on.
let api: RecordingServer;
let slack: RunningSlack;
let events: string;
let responses = 0;

beforeAll(async () => {
  api = await startFakeSlackApi();
  slack = await startTestSlack(testEnv(api));
  events = `http://127.0.0.1:${slack.port}/slack/events`;
});
afterAll(async () => {
  await slack?.stop();
  await api?.close();
});

function responseUrl(): { url: string; path: string } {
  const path = `/response/${++responses}`;
  api.route("POST", path, { body: "ok" });
  return { url: `${api.url}${path}`, path };
}

/** The bot still answers a plain /factdesk help. */
async function stillServes() {
  const { url, path } = responseUrl();
  expect((await sendSigned(events, slashCommandBody("help", url))).status).toBe(200);
  expect(responseOf(await api.waitFor("POST", path)).text).toBeTruthy();
}

describe("hostile Slack requests", () => {
  it("refuses a body that is JSON null, or a form whose payload is null, and serves on", async () => {
    for (const [body, type] of [
      ["null", "application/json"],
      ["5", "application/json"],
      ["[]", "application/json"],
      ["payload=null", "application/x-www-form-urlencoded"],
      [`payload=${encodeURIComponent('"x"')}`, "application/x-www-form-urlencoded"],
    ] as const) {
      expect((await sendSigned(events, body, { type })).status).toBe(400);
    }
    await stillServes();
  });

  it("refuses a correctly signed request dated in the future, 10 minutes or a year ahead", async () => {
    const { url, path } = responseUrl();
    for (const ahead of [10 * 60, 365 * 24 * 3600]) {
      const sent = await sendSigned(events, slashCommandBody("help", url), {
        timestamp: nowSeconds() + ahead,
      });
      expect(sent.status).toBe(401);
    }
    // Within the five minutes either way is still fine: clocks drift a little.
    const near = await sendSigned(events, slashCommandBody("help", url), {
      timestamp: nowSeconds() + 60,
    });
    expect(near.status).toBe(200);
    await api.waitFor("POST", path);
    expect(api.requestsTo("POST", path)).toHaveLength(1);
  });

  it("answers a command whose text is of the wrong type with a clear note", async () => {
    const payloads: Array<[string, string]> = [];
    const { url, path } = responseUrl();
    // Sent twice in the form: a list, not a string.
    payloads.push([
      `${slashCommandBody("actor iskp", url)}&text=again`,
      "application/x-www-form-urlencoded",
    ]);
    const json = JSON.parse(
      JSON.stringify(Object.fromEntries(new URLSearchParams(slashCommandBody("", url)))),
    );
    for (const text of [5, null, { a: 1 }]) {
      payloads.push([JSON.stringify({ ...json, text }), "application/json"]);
    }
    for (const [body, type] of payloads) {
      expect((await sendSigned(events, body, { type })).status).toBe(200);
    }
    await until(
      () => api.requestsTo("POST", path).length === payloads.length || undefined,
      "a note for each request",
    );
    for (const request of api.requestsTo("POST", path)) {
      const answer = responseOf(request);
      expect(answer.text).toContain("could not read that request");
      expect(answer.text).not.toMatch(/Something went wrong|replace|Invalid input/);
      expect(answer.response_type).toBe("ephemeral");
    }
    await stillServes();
  });

  it("answers a mention whose text is a number with a note in its thread", async () => {
    const sent = await sendSigned(
      events,
      eventBody({ type: "app_mention", user: "U1", channel: "C9", ts: "1700000200.1", text: 5 }),
      { type: "application/json" },
    );
    expect(sent.status).toBe(200);
    const post = await until(
      () =>
        api
          .requestsTo("POST", "/api/chat.postMessage")
          .map(apiCallOf)
          .find((c) => c.channel === "C9"),
      "the note in the thread",
    );
    expect(post?.thread_ts).toBe("1700000200.1");
    expect(post?.text).toContain("could not read that request");
  });
});
