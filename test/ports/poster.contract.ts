import { beforeAll, describe, expect, it } from "vitest";
import { CODES } from "../../src/core/codes.ts";
import type { Reply } from "../../src/core/reply/schema.ts";
import type { ChannelRef, Poster, PostResult } from "../../src/ports/poster.ts";
import { replyTo } from "../support/responder.ts";

/** What each Poster's test gives the posting contract: the poster and a way to look in. */
export interface PosterHarness {
  poster: Poster;
  channel: ChannelRef;
  /** What the platform (its local fake API, or memory) received for posts, oldest first. */
  postedBodies(): readonly unknown[];
  /** Makes the next post fail, permanently (channel gone) or transiently (5xx, dropped line). */
  failNextPost(kind: "permanent" | "transient"): void;
}

/** A failure's code must come from the post vocabulary, the same on every platform. */
function expectPostCode(result: PostResult): void {
  if (result.ok) throw new Error("expected a failure");
  const [namespace] = result.error.code.split(".");
  expect(namespace).toBe("post");
  expect(CODES.post.map((name) => `post.${name}`)).toContain(result.error.code);
}

/** One suite every Poster passes, platform adapters and the in-memory twin alike. */
export function posterContract(name: string, setup: () => Promise<PosterHarness>): void {
  describe(`poster contract: ${name}`, () => {
    let h: PosterHarness;
    let help: Reply;
    let figure: Reply;

    beforeAll(async () => {
      help = await replyTo("help");
      figure = await replyTo("figure crocus death toll");
      h = await setup();
    });

    it("posts a reply to a channel", async () => {
      const before = h.postedBodies().length;
      const result = await h.poster.post(h.channel, figure);
      expect(result).toEqual({ ok: true, value: { messageId: expect.any(String) } });
      expect(h.postedBodies().length).toBe(before + 1);
    });

    it("reports a permanent post failure as permanent", async () => {
      h.failNextPost("permanent");
      const result = await h.poster.post(h.channel, help);
      expect(result).toMatchObject({ ok: false, error: { permanent: true } });
      expectPostCode(result);
    });

    it("refuses a channel of another platform as permanent, posting nothing", async () => {
      const before = h.postedBodies().length;
      const elsewhere = { ...h.channel, platform: `not-${h.channel.platform}` };
      const result = await h.poster.post(elsewhere, help);
      expect(result).toMatchObject({
        ok: false,
        error: { code: "post.wrong_platform", permanent: true },
      });
      expect(h.postedBodies().length).toBe(before);
    });

    it("reports a transient post failure as worth retrying", async () => {
      h.failNextPost("transient");
      const result = await h.poster.post(h.channel, help);
      expect(result).toMatchObject({ ok: false, error: { permanent: false } });
      expectPostCode(result);
    });
  });
}
