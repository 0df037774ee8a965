import { describe, expect, it } from "vitest";
import { memoryPoster } from "../../src/ports/poster.ts";
import { replyTo } from "../support/responder.ts";
import { posterContract } from "./poster.contract.ts";

const channel = { platform: "memory", workspaceId: "W1", channelId: "C1" };

posterContract("memory", async () => {
  const poster = memoryPoster();
  return {
    poster,
    channel,
    postedBodies: () => poster.posts,
    failNextPost: (kind) => poster.failNextPost(kind),
  };
});

describe("memoryPoster", () => {
  const help = async () => await replyTo("help");

  it("fails one post per failure it is told of, in order, with a retry-after when asked", async () => {
    const poster = memoryPoster();
    poster.failNextPost({ retryAfterMs: 250 });
    poster.failNextPost("permanent");
    expect(await poster.post(channel, await help())).toMatchObject({
      ok: false,
      error: { code: "post.rate_limited", permanent: false, retryAfterMs: 250 },
    });
    expect(await poster.post(channel, await help())).toMatchObject({
      ok: false,
      error: { permanent: true },
    });
    expect(await poster.post(channel, await help())).toEqual({
      ok: true,
      value: { messageId: "m1" },
    });
    expect(poster.posts).toHaveLength(1);
  });

  it("finds a post by its idempotency key in its channel, or answers what it is told", async () => {
    const poster = memoryPoster();
    await poster.post(channel, await help(), { idempotencyKey: "k1" });
    expect(await poster.findPosted(channel, "k1")).toEqual({ kind: "found", messageId: "m1" });
    expect(await poster.findPosted(channel, "k2")).toEqual({ kind: "absent" });
    expect(await poster.findPosted({ ...channel, channelId: "C2" }, "k1")).toEqual({
      kind: "absent",
    });
    poster.answerFind({ kind: "unknown", message: "missing_scope" });
    expect(await poster.findPosted(channel, "k1")).toMatchObject({ kind: "unknown" });
  });

  it("records private messages apart from channel posts", async () => {
    const poster = memoryPoster();
    expect(await poster.notifyUser("W1", "U1", await help())).toMatchObject({ ok: true });
    expect(poster.notices).toMatchObject([{ workspaceId: "W1", userId: "U1" }]);
    expect(poster.posts).toHaveLength(0);
  });
});
