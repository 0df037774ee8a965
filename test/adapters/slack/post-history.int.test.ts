import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POST_EVENT_TYPE } from "../../../src/adapters/slack/post.ts";
import type { Reply } from "../../../src/core/reply/schema.ts";
import type { ChannelRef } from "../../../src/ports/poster.ts";
import {
  type FakeSlackApi,
  startFakeSlackApi,
  testSlackAdapter,
} from "../../support/fake-slack.ts";
import { replyTo } from "../../support/responder.ts";

// findPosted through the real Web API client against a fake Slack that keeps the channel's
// history and pages it back as Slack does.

const SLOT = Date.UTC(2026, 11, 2, 8, 0);
const channel: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C-history" };

describe("Slack: a keyed post, looked for in the channel's history", () => {
  let api: FakeSlackApi;
  let clock: number;
  let reply: Reply;
  const reads = () =>
    api
      .requestsTo("POST", "/api/conversations.history")
      .map((r) => Object.fromEntries(new URLSearchParams(r.body)));
  /** `n` messages by others, a second apart, after the clock. */
  const chatter = (n: number) => {
    for (let i = 0; i < n; i++) {
      clock += 1000;
      api.add("C-history", { text: `message ${i}` });
    }
  };
  /** The post of `key`, at the clock, as the bot posts it. */
  const keyed = async (key: string) => {
    reply ??= await replyTo("sources");
    const posted = await testSlackAdapter(api).post(channel, reply, { idempotencyKey: key });
    if (!posted.ok) throw new Error(posted.error.message);
    return posted.value.messageId;
  };

  beforeEach(async () => {
    clock = SLOT;
    api = await startFakeSlackApi({ now: () => clock });
  });
  afterEach(() => api.close());

  it("pages back to a minute before the slot, past the latest 100 messages", async () => {
    const ts = await keyed("sub:1");
    chatter(250);
    expect(await testSlackAdapter(api).findPosted?.(channel, "sub:1", undefined, SLOT)).toEqual({
      kind: "found",
      messageId: ts,
    });
    expect(reads()).toHaveLength(3);
    for (const read of reads()) {
      expect(read).toMatchObject({ limit: "100", oldest: ((SLOT - 60_000) / 1000).toFixed(6) });
    }
    expect(reads().map((r) => r.cursor)).toEqual([undefined, "100", "200"]);
  });

  it("reads no further back than the slot, nor more than 5 pages", async () => {
    clock = SLOT - 5 * 60_000;
    await keyed("sub:1");
    clock = SLOT;
    chatter(10);
    const poster = testSlackAdapter(api);
    expect(await poster.findPosted?.(channel, "sub:1", undefined, SLOT)).toEqual({
      kind: "absent",
    });
    expect(reads()).toHaveLength(1);
    await keyed("sub:2");
    chatter(600);
    expect(await poster.findPosted?.(channel, "sub:2", undefined, SLOT)).toEqual({
      kind: "absent",
    });
    expect(reads()).toHaveLength(6);
  });

  it("reads the latest page only when it is given no slot", async () => {
    await keyed("fix:v2:abc");
    chatter(150);
    expect(await testSlackAdapter(api).findPosted?.(channel, "fix:v2:abc")).toEqual({
      kind: "absent",
    });
    expect(reads()).toHaveLength(1);
    expect(reads()[0]?.oldest).toBeUndefined();
  });

  it("finds a reply Slack posted unthreaded, its thread being gone, in the channel", async () => {
    const parent = api.add("C-history", { text: "a shared answer" });
    api.remove("C-history", parent.ts);
    // An attempt whose reply Slack unthreaded died before taking it back.
    const orphan = api.add("C-history", {
      text: "Correction",
      metadata: { event_type: POST_EVENT_TYPE, event_payload: { key: "fix:v2:def" } },
    });
    expect(await testSlackAdapter(api).findPosted?.(channel, "fix:v2:def", parent.ts)).toEqual({
      kind: "found",
      messageId: orphan.ts,
    });
  });
});
