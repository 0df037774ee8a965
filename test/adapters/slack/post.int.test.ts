import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postingClient, postMessage } from "../../../src/adapters/slack/post.ts";
import { render } from "../../../src/adapters/slack/render.ts";
import type { Reply } from "../../../src/core/reply/schema.ts";
import type { ChannelRef } from "../../../src/ports/poster.ts";
import {
  apiCallOf,
  BOT_TOKEN,
  type FakeSlackApi,
  startFakeSlackApi,
  testSlackAdapter,
} from "../../support/fake-slack.ts";
import { replyTo } from "../../support/responder.ts";

// A reply to a message that was deleted: Slack posts it to the channel, unthreaded, and says so
// only by the thread_ts missing from its answer.
describe("Slack: a reply to a deleted message", () => {
  let api: FakeSlackApi;
  let reply: Reply;
  const channel: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C-reply" };
  const deletes = () => api.requestsTo("POST", "/api/chat.delete").map(apiCallOf);

  beforeAll(async () => {
    api = await startFakeSlackApi();
    reply = await replyTo("sources");
  });
  afterAll(() => api.close());

  /** A message in the channel, posted as the bot; its ts. */
  async function original(): Promise<string> {
    const posted = await testSlackAdapter(api).post(channel, reply);
    if (!posted.ok) throw new Error(posted.error.message);
    return posted.value.messageId;
  }

  it("lands in the thread of a message that is there", async () => {
    const ts = await original();
    const count = deletes().length;
    const posted = await testSlackAdapter(api).post(channel, reply, { replyTo: ts });
    expect(posted.ok).toBe(true);
    expect(api.messages("C-reply").at(-1)).toMatchObject({ thread_ts: ts });
    expect(deletes()).toHaveLength(count);
  });

  it("is taken back when Slack posted it unthreaded, and the original is said to be gone", async () => {
    const ts = await original();
    api.remove("C-reply", ts);
    const before = api.messages("C-reply");
    expect(await testSlackAdapter(api).post(channel, reply, { replyTo: ts })).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: "post.original_gone",
        permanent: true,
        detail: "unthreaded",
      }),
    });
    expect(deletes().at(-1)).toMatchObject({ channel: "C-reply" });
    expect(api.messages("C-reply")).toEqual(before);
  });

  it("stays, and counts as posted, when it cannot be taken back", async () => {
    const ts = await original();
    api.remove("C-reply", ts);
    api.once("POST", "/api/chat.delete", { body: { ok: false, error: "cant_delete_message" } });
    const posted = await testSlackAdapter(api).post(channel, reply, { replyTo: ts });
    expect(posted).toEqual({ ok: true, value: { messageId: expect.any(String) } });
    expect(api.messages("C-reply").at(-1)).toMatchObject({
      ts: posted.ok ? posted.value.messageId : "",
    });
    expect(api.messages("C-reply").at(-1)?.thread_ts).toBeUndefined();
  });

  it("still threads under a deleted message that has replies (Slack keeps the thread)", async () => {
    const ts = await original();
    await testSlackAdapter(api).post(channel, reply, { replyTo: ts });
    api.remove("C-reply", ts);
    const count = deletes().length;
    const posted = await testSlackAdapter(api).post(channel, reply, { replyTo: ts });
    expect(posted.ok).toBe(true);
    expect(api.messages("C-reply").at(-1)).toMatchObject({ thread_ts: ts });
    // Threaded as asked: nothing was taken back.
    expect(deletes()).toHaveLength(count);
  });

  it("is left as Slack posted it for a reply to a mention (a thread, not a correction)", async () => {
    const ts = await original();
    api.remove("C-reply", ts);
    const client = postingClient(BOT_TOKEN, { apiUrl: `${api.url}/api/` });
    const count = deletes().length;
    const posted = await postMessage(client, "C-reply", render(reply), { threadTs: ts });
    expect(posted.ok).toBe(true);
    expect(deletes()).toHaveLength(count);
  });
});
