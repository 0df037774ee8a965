import { describe, expect, it } from "vitest";
import { offersOf } from "../../../src/adapters/shell/offers.ts";
import { render } from "../../../src/adapters/shell/render.ts";
import type { Reply } from "../../../src/core/reply/schema.ts";
import { replyTo } from "../../support/responder.ts";

/** A reply with fields the reply model may grow, which the shell must read without knowing. */
const growing = (reply: Reply, extra: Record<string, unknown>) => ({ ...reply, ...extra }) as Reply;

describe("follow-ups a reply offers", () => {
  it("are none on today's replies", async () => {
    expect(offersOf(await replyTo("actor rahmon"))).toEqual({ more: null, hints: [] });
  });

  it("read `more` as command text, bare or in an object, on the reply or its answer", async () => {
    const reply = await replyTo("actor iskp");
    expect(offersOf(growing(reply, { more: "actor iskp --full" })).more).toBe("actor iskp --full");
    expect(offersOf(growing(reply, { more: { label: "More", command: "more iskp" } })).more).toBe(
      "more iskp",
    );
    if (!reply.ok) throw new Error("actor iskp failed");
    const inAnswer = { ...reply, answer: { ...reply.answer, more: { text: "x" } } } as Reply;
    expect(offersOf(inAnswer).more).toBe("x");
  });

  it("find More among actions, and keep any other action as a hint", async () => {
    const reply = growing(await replyTo("actor iskp"), {
      actions: [
        { kind: "more", label: "More", command: "actor iskp --full" },
        { kind: "share", label: "Share" },
        { label: "Timeline", command: "timeline iskp" },
        42,
      ],
    });
    expect(offersOf(reply)).toEqual({
      more: "actor iskp --full",
      hints: [
        { label: "Share", command: null },
        { label: "Timeline", command: "timeline iskp" },
      ],
    });
  });

  it("ignore a `more` of a shape they cannot read rather than fail", async () => {
    const reply = growing(await replyTo("sources"), { more: { nothing: true }, actions: "no" });
    expect(offersOf(reply)).toEqual({ more: null, hints: [] });
  });

  it("are rendered as hint lines: the command to ask, or the shell's own word", async () => {
    const reply = growing(await replyTo("actor iskp"), {
      more: "actor iskp --full",
      actions: [{ label: "Timeline", command: "timeline iskp" }],
    });
    expect(render(reply)).toMatch(/\nMore: actor iskp --full\nTimeline: timeline iskp\n\(corpus/);
    expect(render(reply, {}, undefined, () => 'More: type "more"')).toContain('More: type "more"');
  });
});
