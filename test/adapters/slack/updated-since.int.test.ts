import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeButtonValue } from "../../../src/adapters/slack/buttons.ts";
import { parseSlackConfig } from "../../../src/adapters/slack/config.ts";
import { type RunningSlack, startSlack } from "../../../src/adapters/slack/start.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { type SnapshotHolder, snapshotHolder } from "../../../src/corpus/holder.ts";
import { bundledSnapshot, publishedAs } from "../../support/corpus.ts";
import {
  buttonClickBody,
  buttons,
  responseOf,
  sendSigned,
  silentLog,
  slashCommandBody,
  startFakeSlackApi,
  testEnv,
} from "../../support/fake-slack.ts";
import type { RecordingServer } from "../../support/recording-server.ts";
import { testResponderOn } from "../../support/responder.ts";
import { visibleText } from "./inspect.ts";

// The real Bolt app answering from a holder the test swaps, as a bot following the store does.
let api: RecordingServer;
let slack: RunningSlack;
let events: string;
let holder: SnapshotHolder;
let base: CorpusSnapshot;
let responses = 0;

const published = (seq: number) => publishedAs(base, seq);

beforeAll(async () => {
  base = await bundledSnapshot();
  holder = snapshotHolder(published(1));
  api = await startFakeSlackApi();
  const config = parseSlackConfig(testEnv(api));
  if (!config.ok) throw new Error(config.error.message);
  slack = await startSlack({
    config: config.value,
    responder: testResponderOn(holder),
    log: silentLog,
  });
  events = `http://127.0.0.1:${slack.port}/slack/events`;
});
afterAll(async () => {
  await slack?.stop();
  await api?.close();
});

async function send(body: (url: string) => string) {
  const path = `/response/${++responses}`;
  api.route("POST", path, { body: "ok" });
  const ack = await sendSigned(events, body(`${api.url}${path}`));
  expect(ack.status).toBe(200);
  return responseOf(await api.waitFor("POST", path));
}

describe("a Slack button pressed after a newer version arrived", () => {
  it("answers from the new version and says it was updated since", async () => {
    const answer = await send((url) => slashCommandBody("actor iskp", url));
    const more = buttons(answer).find((b) => b.action_id === "factdesk_more");
    expect(decodeButtonValue(more?.value)).toMatchObject({ text: "more actor iskp", v: 1 });
    holder.replace(published(2));
    const full = await send((url) => buttonClickBody(more ?? {}, url));
    const text = visibleText(full);
    expect(text).toContain("Updated since");
    expect(text).toContain("corpus v1 → corpus v2 · published 2 Dec 2026, 03:40 UTC");
    // Its own buttons remember the version it came from now.
    const quotes = buttons(full).find((b) => b.action_id === "factdesk_quotes");
    expect(decodeButtonValue(quotes?.value)?.v).toBe(2);
  });
});
