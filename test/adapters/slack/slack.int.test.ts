import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeButtonValue } from "../../../src/adapters/slack/buttons.ts";
import type { RunningSlack } from "../../../src/adapters/slack/start.ts";
import {
  apiCallOf,
  buttonClickBody,
  buttons,
  eventBody,
  nowSeconds,
  type ResponsePayload,
  responseOf,
  sendSigned,
  sign,
  slashCommandBody,
  startFakeSlackApi,
  startTestSlack,
  testEnv,
} from "../../support/fake-slack.ts";
import type { RecordingServer } from "../../support/recording-server.ts";
import { until } from "../../support/until.ts";
import { limitViolations, mentions, rawTexts, visibleText } from "./inspect.ts";

// The real Bolt app over HTTP on a free port, its Web API client pointed at a local fake, and a
// local response_url endpoint: everything Slack would send is signed and sent over the wire.

let api: RecordingServer;
let slack: RunningSlack;
let events: string;
let responses = 0;

/** The real Slack adapter on the bundled corpus, configured by `env`. */
const startWith = (env: Record<string, string>) => startTestSlack(env);

beforeAll(async () => {
  api = await startFakeSlackApi();
  slack = await startWith(testEnv(api));
  events = `http://127.0.0.1:${slack.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await api?.close();
});

/** A fresh response_url on the fake, so each test reads only its own answers. */
function responseUrl(): { url: string; path: string } {
  const path = `/response/${++responses}`;
  api.route("POST", path, { body: "ok" });
  return { url: `${api.url}${path}`, path };
}

async function ask(text: string): Promise<{ status: number; answer: ResponsePayload }> {
  const { url, path } = responseUrl();
  const ack = await sendSigned(events, slashCommandBody(text, url));
  const answer = responseOf(await api.waitFor("POST", path));
  return { status: ack.status, answer };
}

async function click(
  button: { action_id?: string; value?: string },
  options?: Parameters<typeof buttonClickBody>[2],
): Promise<{ status: number; path: string }> {
  const { url, path } = responseUrl();
  const ack = await sendSigned(events, buttonClickBody(button, url, options));
  return { status: ack.status, path };
}

describe("slack over HTTP: questions by mention and direct message", () => {
  const sendEvent = (event: Record<string, unknown>) =>
    sendSigned(events, eventBody(event), { type: "application/json" });
  const postsTo = (channel: string) =>
    api
      .requestsTo("POST", "/api/chat.postMessage")
      .map(apiCallOf)
      .filter((c) => c.channel === channel);

  it("answers an @mention in the channel's thread, without the bot's name in the question", async () => {
    const ack = await sendEvent({
      type: "app_mention",
      user: "U1",
      text: "<@UBOT> how many people died in the crocus attack?",
      channel: "C-mention",
      ts: "1700000100.000100",
    });
    expect(ack.status).toBe(200);
    const post = await until(() => postsTo("C-mention")[0], "the answer in the thread");
    expect(post.thread_ts).toBe("1700000100.000100");
    expect(visibleText(post)).toMatch(/Answered as/);
    expect(visibleText(post)).toMatch(/137/);
    expect(buttons(post).map((b) => b.text.text)).not.toContain("Share in channel");
  });

  it("answers a direct message, and ignores the bot's own messages and edits", async () => {
    await sendEvent({
      type: "message",
      channel_type: "im",
      user: "U1",
      bot_id: "B1",
      text: "help",
      channel: "D-bot",
      ts: "1.1",
    });
    await sendEvent({
      type: "message",
      channel_type: "im",
      subtype: "message_changed",
      channel: "D-edit",
      ts: "1.2",
    });
    await sendEvent({
      type: "message",
      channel_type: "im",
      user: "U1",
      text: "who leads iskp",
      channel: "D-person",
      ts: "1.3",
    });
    const post = await until(() => postsTo("D-person")[0], "the answer to the direct message");
    expect(visibleText(post)).toMatch(/Khorasan Province/);
    expect(postsTo("D-bot")).toEqual([]);
    expect(postsTo("D-edit")).toEqual([]);
  });
});

describe("slack over HTTP: start-up", () => {
  it("checks the bot token with auth.test against SLACK_API_URL", () => {
    expect(api.requestsTo("POST", "/api/auth.test").length).toBeGreaterThan(0);
  });

  it("refuses to start when Slack rejects the token", async () => {
    const env = { ...testEnv(api), SLACK_BOT_TOKEN: "xoxb-revoked" };
    await expect(startWith(env)).rejects.toThrow("Slack refused SLACK_BOT_TOKEN (invalid_auth).");
  });

  it("in Socket Mode, connects with SLACK_APP_TOKEN through SLACK_API_URL and reports a refusal", async () => {
    api.once("POST", "/api/apps.connections.open", { body: { ok: false, error: "invalid_auth" } });
    const env = { ...testEnv(api), SLACK_APP_TOKEN: "xapp-1-refused" };
    await expect(startWith(env)).rejects.toThrow(
      "Slack could not open a Socket Mode connection with SLACK_APP_TOKEN (invalid_auth).",
    );
    const [open] = api.requestsTo("POST", "/api/apps.connections.open");
    expect(open?.headers.authorization).toBe("Bearer xapp-1-refused");
  });

  it("reports a port already in use", async () => {
    const env = { ...testEnv(api), PORT: String(slack.port) };
    await expect(startWith(env)).rejects.toThrow(
      `Slack could not listen on PORT ${slack.port} (EADDRINUSE).`,
    );
  });

  it("refuses to start with incomplete config, naming what is missing", async () => {
    const env = { SLACK_BOT_TOKEN: "xoxb-x" };
    await expect(startWith(env)).rejects.toThrow(/SLACK_SIGNING_SECRET is missing/);
  });
});

describe("slack over HTTP: slash command", () => {
  it("acks with an empty 200, then answers through response_url as ephemeral Block Kit", async () => {
    const { url, path } = responseUrl();
    const ack = await sendSigned(events, slashCommandBody("figure crocus death toll", url));
    expect(ack.status).toBe(200);
    expect(await ack.text()).toBe("");

    const answer = responseOf(await api.waitFor("POST", path));
    expect(answer.response_type).toBe("ephemeral");
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.blocks.length).toBeGreaterThan(0);
    expect(limitViolations(answer)).toEqual([]);
    const text = visibleText(answer).toLowerCase();
    expect(text).toContain("compatible");
    expect(text).toContain("137");
    expect(text).toContain("at least 130");
    expect(buttons(answer).map((b) => b.text.text)).toEqual(
      expect.arrayContaining(["Show quotes", "Share in channel"]),
    );
  });

  it("answers help with no text at all", async () => {
    const { status, answer } = await ask("");
    expect(status).toBe(200);
    expect(visibleText(answer)).toContain("Factdesk");
  });

  it("keeps errors ephemeral, with no Share button", async () => {
    const { answer } = await ask("frobnicate zebra xylophone");
    expect(answer.response_type).toBe("ephemeral");
    expect(visibleText(answer)).toMatch(/Nothing in the corpus answers/);
    expect(buttons(answer).map((b) => b.text.text)).not.toContain("Share in channel");
  });

  it("rejects a bad signature with 401 and never answers", async () => {
    const { url, path } = responseUrl();
    const body = slashCommandBody("help", url);
    const forged = await sendSigned(events, body, {
      signature: sign(body, nowSeconds(), "wrong-secret"),
    });
    expect(forged.status).toBe(401);
    const unsigned = await sendSigned(events, body, { signature: "v0=" });
    expect(unsigned.status).toBe(401);
    // A later valid request is answered, and the forged one's response_url was never called.
    await ask("help");
    expect(api.requestsTo("POST", path)).toEqual([]);
  });

  it("rejects a correctly signed request over 5 minutes old with 401 and never answers", async () => {
    const { url, path } = responseUrl();
    const stale = await sendSigned(events, slashCommandBody("help", url), {
      timestamp: nowSeconds() - 6 * 60,
    });
    expect(stale.status).toBe(401);
    await ask("help");
    expect(api.requestsTo("POST", path)).toEqual([]);
  });

  it.each([
    ["a broadcast", "actor <!channel>"],
    ["@here", "actor @here"],
    ["a user mention", "search <@U123> <#C1|general> <!subteam^S1>"],
    ["formatting", "search *bold* _it_ ~strike~ `code` <https://x.example|click>"],
    ["control characters", "actor \u0000isis\u0007-k\u202E\u200B <!everyone>"],
    ["10,000 characters", `search ${"<!channel> ".repeat(1000)}`],
  ])("escapes or refuses hostile text: %s", async (_, text) => {
    const { status, answer } = await ask(text);
    expect(status).toBe(200);
    expect(mentions(answer)).toEqual([]);
    expect(limitViolations(answer)).toEqual([]);
    for (const raw of rawTexts(answer)) {
      expect(raw.replace(/\n/g, "")).not.toMatch(/[\p{Cc}\u202E]/u);
      expect(raw.replace(/^>/gm, "")).not.toMatch(/[<>]/);
    }
  });

  it("reads &, < and > as Slack sends them (entities), and escapes them again on the way out", async () => {
    const { answer } = await ask("actor &lt;!channel&gt; &amp; co");
    // Decoded, the name is "<!channel> & co": the reader sees it as typed, escaped once, not twice.
    // Quoted, as typed, in a code span: inert, and copied back exactly.
    expect(visibleText(answer)).toContain("No actor matches `<!channel> & co`");
    for (const raw of rawTexts(answer)) expect(raw).not.toContain("&amp;lt;");
    expect(mentions(answer)).toEqual([]);
  });

  it("refuses 10,000 characters with a short message, not a stack trace", async () => {
    const { answer } = await ask("x".repeat(10_000));
    expect(visibleText(answer)).toMatch(/10000 characters; Factdesk takes 500 at most/);
    expect(visibleText(answer).length).toBeLessThan(400);
    expect(visibleText(answer)).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe("slack over HTTP: buttons", () => {
  async function answerButtons(text: string) {
    const { answer } = await ask(text);
    const byLabel = Object.fromEntries(buttons(answer).map((b) => [b.text.text, b]));
    return { answer, byLabel };
  }

  it("Share posts the same answer visibly to the channel, attributed, and removes the ephemeral", async () => {
    const { byLabel } = await answerButtons("figure crocus death toll");
    const share = byLabel["Share in channel"];
    if (!share) throw new Error("no Share button");
    const before = api.requestsTo("POST", "/api/chat.postMessage").length;

    const { status, path } = await click(share);
    expect(status).toBe(200);
    const call = await api.waitFor("POST", "/api/chat.postMessage", before + 1);
    expect(call.headers.authorization).toBe("Bearer xoxb-fake");
    const posted = apiCallOf(call);
    expect(posted.channel).toBe("C1");
    expect(posted.text.length).toBeGreaterThan(0);
    expect(limitViolations(posted)).toEqual([]);
    expect(mentions(posted)).toEqual([]);
    expect(visibleText(posted)).toContain("Shared by alice");
    expect(visibleText(posted).toLowerCase()).toContain("compatible");
    expect(posted).not.toHaveProperty("link_names");
    expect(posted).not.toHaveProperty("parse");
    // The shared copy offers readers quotes (answered to each clicker alone), but no second Share.
    const labels = buttons(posted).map((b) => b.text.text);
    expect(labels).toContain("Show quotes");
    expect(labels).not.toContain("Share in channel");
    expect(responseOf(await api.waitFor("POST", path))).toEqual({ delete_original: true });
  });

  it("attributes a share to a hostile name as plain text, never a mention", async () => {
    const { byLabel } = await answerButtons("help");
    const share = byLabel["Share in channel"];
    if (!share) throw new Error("no Share button");
    const before = api.requestsTo("POST", "/api/chat.postMessage").length;
    await click(share, { user: { id: "U2", username: "<!channel>", name: "<!channel> @here" } });
    const posted = apiCallOf(await api.waitFor("POST", "/api/chat.postMessage", before + 1));
    expect(mentions(posted)).toEqual([]);
    expect(visibleText(posted)).toContain("Shared by <!channel> @here");
  });

  it("waits out a 429 with Retry-After and posts on the second call", async () => {
    const { byLabel } = await answerButtons("help");
    const share = byLabel["Share in channel"];
    if (!share) throw new Error("no Share button");
    const before = api.requestsTo("POST", "/api/chat.postMessage").length;
    api.once("POST", "/api/chat.postMessage", {
      status: 429,
      headers: { "retry-after": "1" },
      body: { ok: false, error: "ratelimited" },
    });

    const { path } = await click(share);
    expect(responseOf(await api.waitFor("POST", path))).toEqual({ delete_original: true });
    const calls = api.requestsTo("POST", "/api/chat.postMessage").slice(before);
    expect(calls).toHaveLength(2);
    const [first, second] = calls.map(apiCallOf);
    expect(first?.text).toBe(second?.text);
  });

  it("tells the sharer, ephemerally, when the bot is not in the channel", async () => {
    const { byLabel } = await answerButtons("help");
    const share = byLabel["Share in channel"];
    if (!share) throw new Error("no Share button");
    api.once("POST", "/api/chat.postMessage", { body: { ok: false, error: "not_in_channel" } });
    const { path } = await click(share);
    const notice = responseOf(await api.waitFor("POST", path));
    expect(notice).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(notice.text).toMatch(/cannot post in this conversation. Add the app to it/);
  });

  it("Show quotes replaces the asker's ephemeral answer with one showing quotes", async () => {
    const { answer, byLabel } = await answerButtons("figure crocus death toll");
    const show = byLabel["Show quotes"];
    if (!show) throw new Error("no Show quotes button");
    const { path } = await click(show);
    const quoted = responseOf(await api.waitFor("POST", path));
    expect(quoted).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(visibleText(quoted)).toContain("the massacre of 137 people");
    expect(visibleText(answer)).not.toContain("the massacre of 137 people");
    expect(limitViolations(quoted)).toEqual([]);
    const hide = buttons(quoted).find((b) => b.text.text === "Hide quotes");
    expect(decodeButtonValue(hide?.value)).toEqual({
      text: "figure crocus death toll",
      quotes: false,
    });
  });

  it("Show quotes on a shared message answers only the clicker", async () => {
    const { byLabel } = await answerButtons("figure crocus death toll");
    const show = byLabel["Show quotes"];
    if (!show) throw new Error("no Show quotes button");
    const { path } = await click(show, { ephemeral: false });
    expect(responseOf(await api.waitFor("POST", path))).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
    });
  });

  it("a suggestion button answers the suggested command", async () => {
    const { answer } = await ask("actor talibn");
    const suggestion = buttons(answer).find((b) => b.action_id?.startsWith("factdesk_suggest_"));
    if (!suggestion) throw new Error("no suggestion button");
    const { path } = await click(suggestion);
    const followUp = responseOf(await api.waitFor("POST", path));
    expect(followUp.replace_original).toBe(true);
    expect(visibleText(followUp)).not.toMatch(/no actor/i);
  });

  it("answers a button value it did not write with a short notice", async () => {
    const { path } = await click({ action_id: "factdesk_share", value: '{"html":"<!channel>"}' });
    const notice = responseOf(await api.waitFor("POST", path));
    expect(notice.text).toMatch(/no longer works/);
  });

  it("rejects a forged click with 401 and posts nothing", async () => {
    const { url, path } = responseUrl();
    const before = api.requestsTo("POST", "/api/chat.postMessage").length;
    const body = buttonClickBody(
      { action_id: "factdesk_share", value: '{"text":"help","quotes":false}' },
      url,
    );
    const forged = await sendSigned(events, body, { signature: sign(body, nowSeconds(), "nope") });
    expect(forged.status).toBe(401);
    await ask("help");
    expect(api.requestsTo("POST", path)).toEqual([]);
    expect(api.requestsTo("POST", "/api/chat.postMessage")).toHaveLength(before);
  });
});
