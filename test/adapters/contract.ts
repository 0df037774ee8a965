import { beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../../src/adapters/adapter.ts";
import { answerText } from "../../src/commands/dispatch.ts";
import type { Corpus } from "../../src/core/corpus/types.ts";
import type { Reply } from "../../src/core/reply/schema.ts";
import type { ChannelRef } from "../../src/ports/poster.ts";
import { posterContract } from "../ports/poster.contract.ts";
import { bundledCorpus } from "../support/corpus.ts";

/** What each platform's test gives the shared contract suite: its adapter and a way to look in. */
export interface AdapterHarness<R> {
  adapter: Adapter<R>;
  channel: ChannelRef;
  /** All text a reader would see in the rendered message, in order. */
  visibleText(rendered: R): string;
  /** Every platform limit the rendered message breaks (empty when within limits). */
  limitViolations(rendered: R): string[];
  /** Anything in the rendered message the platform would turn into a ping or mention. */
  mentions(rendered: R): string[];
  /** Messages the local fake API received for posts, oldest first. */
  postedBodies(): unknown[];
  /** Makes the fake API fail the next post, permanently (channel gone) or transiently (5xx). */
  failNextPost(kind: "permanent" | "transient"): void;
}

/** One command of every kind, plus a typo: what renderers are exercised on. */
export const EVERY_KIND = [
  "help",
  "actor isis-k",
  "attack crocus",
  "figure crocus death toll",
  "search tajik migrants",
  "sources",
  "timeline",
  "disputes",
  "actor talibn",
];

const HOSTILE = "actor <!channel> @here @everyone <@U123> <#C1|x> <@&123> **bold** `code` &amp;";

/**
 * One suite every adapter passes: rendering within limits, nothing that pings, disputed figures
 * marked, citations shown, posting and failure classification.
 */
export function adapterContract<R>(name: string, setup: () => Promise<AdapterHarness<R>>): void {
  describe(`adapter contract: ${name}`, () => {
    let h: AdapterHarness<R>;
    let corpus: Corpus;
    const ask = (text: string): Reply => answerText(corpus, text);

    beforeAll(async () => {
      corpus = await bundledCorpus();
      h = await setup();
    });

    it.each(EVERY_KIND)("renders '%s' within the platform's limits", (text) => {
      const rendered = h.adapter.render(ask(text));
      expect(h.limitViolations(rendered)).toEqual([]);
      expect(h.visibleText(rendered).length).toBeGreaterThan(0);
    });

    it("renders with quotes shown within limits too", () => {
      for (const text of EVERY_KIND) {
        expect(h.limitViolations(h.adapter.render(ask(text), { showQuotes: true }))).toEqual([]);
      }
    });

    it("marks a disputed figure and shows every source's value", () => {
      const reply = ask("figure crocus death toll");
      expect(reply.ok && reply.answer.disputed).toBe(true);
      const text = h.visibleText(h.adapter.render(reply)).toLowerCase();
      expect(text).toContain("disputed");
      expect(text).toContain("137");
      expect(text).toContain("at least 130");
    });

    it("names the outlet of every citation it shows", () => {
      const reply = ask("attack crocus");
      const text = h.visibleText(h.adapter.render(reply, { showQuotes: true }));
      for (const c of reply.citations) expect(text).toContain(c.outlet);
    });

    it("shows verbatim quotes when asked", () => {
      const reply = ask("figure tajiks in russia");
      const text = h.visibleText(h.adapter.render(reply, { showQuotes: true }));
      expect(reply.citations.length).toBeGreaterThan(0);
      for (const c of reply.citations) expect(text).toContain(c.quote.slice(0, 40));
    });

    it("never renders user text as a mention", () => {
      const reply = ask(HOSTILE);
      const rendered = h.adapter.render(reply);
      expect(h.mentions(rendered)).toEqual([]);
      expect(h.limitViolations(rendered)).toEqual([]);
    });

    it("stays within limits when an answer is far too long, saying what it left out", () => {
      const base = ask("help");
      if (!base.ok) throw new Error("help failed");
      const item = { text: "x".repeat(900), cites: [], highlights: [], disputed: false };
      const huge: Reply = {
        ...base,
        answer: {
          ...base.answer,
          sections: Array.from({ length: 80 }, (_, i) => ({
            heading: `Section ${i}`,
            items: Array.from({ length: 30 }, () => item),
            omitted: 0,
          })),
        },
      };
      const rendered = h.adapter.render(huge);
      expect(h.limitViolations(rendered)).toEqual([]);
      expect(h.visibleText(rendered)).toMatch(/more/);
    });

    posterContract(name, async () => ({ ...h, poster: h.adapter }));
  });
}
