import { describe, expect, it } from "vitest";
import {
  moreButtonId,
  parseButtonId,
  quotesButtonId,
  SHARE_BUTTON_ID,
  shareButtonId,
} from "../../../src/adapters/discord/buttons.ts";
import { limitViolations } from "../../../src/adapters/discord/limits.ts";
import { type DiscordMessage, NO_MENTIONS } from "../../../src/adapters/discord/message.ts";
import { slotMarker } from "../../../src/adapters/discord/post.ts";
import { carriesMarker, render, sharedCopy } from "../../../src/adapters/discord/render.ts";
import { clip, clipMarkdown, plain } from "../../../src/adapters/discord/text.ts";
import type { FigureOut, OkReply, Reply, ReplyCitation } from "../../../src/core/reply/schema.ts";
import { replyTo } from "../../support/responder.ts";
import { EVERY_KIND, expectSourced, sourcing } from "../contract.ts";
import { asShown, citationsShown, mentionsIn, visibleText } from "./inspect.ts";

const HOSTILE =
  "@everyone @here <@123456789012345678> <@&123456789012345678> <#123456789012345678> </factdesk help:123456789012345678> <t:1700000000:R> **bold** [link](https://evil.example) # heading\n> quote\n-# small ||spoiler|| `code` ~~gone~~ __under__";

const ask = (text: string): Promise<Reply> => replyTo(text);

async function okReply(text = "help"): Promise<OkReply> {
  const reply = await ask(text);
  if (!reply.ok) throw new Error(`${text} failed: ${reply.error.message}`);
  return reply;
}

function citation(id: number, quote: string): ReplyCitation {
  return {
    id,
    articleId: `article-${id}`,
    outlet: `Outlet ${id} ${HOSTILE.slice(0, 30)}`,
    title: `Title ${id}`,
    published: {
      value: "2024-03-25",
      precision: "day",
      qualifier: null,
      estimated: false,
      derived: false,
      label: "25 Mar 2024",
    },
    url: null,
    quote,
  };
}

/** A reply with every part at its worst: hostile, long and numerous. */
async function monster(): Promise<OkReply> {
  const base = await okReply();
  const long = `${HOSTILE} ${"x".repeat(10_000)}`;
  const item = {
    text: long,
    cites: [1, 2],
    highlights: [[0, 9]] as [number, number][],
    disputed: true,
  };
  return {
    ...base,
    suggestions: Array.from({ length: 40 }, (_, i) => ({
      label: `${HOSTILE} ${i}`,
      command: `actor ${long}`,
    })),
    citations: Array.from({ length: 60 }, (_, i) => citation(i + 1, long)),
    answer: {
      ...base.answer,
      title: long,
      summary: long,
      disputed: true,
      fields: Array.from({ length: 30 }, (_, i) => ({
        label: `${long}${i}`,
        value: long,
        cites: [1],
        disputed: true,
      })),
      figures: Array.from({ length: 30 }, (_, i) => ({
        id: `f${i}`,
        measure: long,
        unit: "people",
        verdict: "compatible" as const,
        override: { computed: "conflict" as const, reason: long },
        disputed: false,
        span: { low: 1, high: 2, lowInclusive: true, highInclusive: true },
        spanLabel: long,
        note: long,
        values: Array.from({ length: 20 }, (_, j) => ({
          id: `f${i}-v${j}`,
          text: long,
          value: 1,
          low: null,
          high: null,
          qualifier: null,
          asOf: long,
          attributedTo: long,
          outlet: long,
          cite: 1,
        })),
      })),
      sections: Array.from({ length: 40 }, (_, i) => ({
        heading: `${long} ${i}`,
        items: Array.from({ length: 50 }, () => item),
        omitted: 7,
      })),
    },
  };
}

describe("limitViolations", () => {
  it("finds every broken limit in a bad message", async () => {
    const bad: DiscordMessage = {
      content: "c".repeat(2001),
      embeds: [
        {
          title: "t".repeat(257),
          description: "d".repeat(4097),
          footer: { text: "f".repeat(2049) },
          fields: [
            ...Array.from({ length: 25 }, () => ({ name: "n", value: "v" })),
            { name: "n".repeat(257), value: "v".repeat(1025) },
            { name: "empty", value: " " },
          ],
        },
        ...Array.from({ length: 10 }, () => ({ description: "x" })),
      ],
      components: [
        {
          type: 1,
          components: [{ type: 2, style: 2, label: "l".repeat(81), custom_id: "i".repeat(101) }],
        },
      ],
      allowed_mentions: { parse: ["everyone"] } as unknown as typeof NO_MENTIONS,
    };
    const found = limitViolations(bad).join("\n");
    for (const what of [
      "content is 2001",
      "11 embeds",
      "embeds[0].title is 257",
      "embeds[0].description is 4097",
      "embeds[0].footer is 2049",
      "27 fields",
      "fields[25].name is 257",
      "fields[25].value is 1025",
      "fields[26] is empty",
      "all embeds together",
      "label is 81",
      "custom_id is 101",
      "allowed_mentions can ping",
    ]) {
      expect(found).toContain(what);
    }
  });

  it("passes a small valid message", async () => {
    const ok: DiscordMessage = {
      embeds: [{ title: "t", fields: [{ name: "n", value: "v" }] }],
      components: [],
      allowed_mentions: NO_MENTIONS,
    };
    expect(limitViolations(ok)).toEqual([]);
  });
});

describe("render", () => {
  it.each([...EVERY_KIND, "help figure", "nonsense"])(
    "renders '%s' within limits, with and without quotes and buttons",
    async (text) => {
      const reply = await ask(text);
      for (const options of [
        {},
        { showQuotes: true },
        { ask: text },
        { ask: text, showQuotes: true },
      ]) {
        const message = render(reply, options);
        expect(limitViolations(message)).toEqual([]);
        expect(message.allowed_mentions).toEqual({ parse: [] });
      }
    },
  );

  it("keeps a reply with every part far too long and hostile within limits, saying what it left out", async () => {
    for (const options of [{}, { showQuotes: true }, { ask: "help", sharedBy: HOSTILE }]) {
      const message = render(await monster(), options);
      expect(limitViolations(message)).toEqual([]);
      expect(mentionsIn(message)).toEqual([]);
      expect(visibleText(message)).toMatch(/…and \d+ more/);
    }
  });

  it("closes the footer with a slot marker, within the limits even when every part is too long", async () => {
    const marker = slotMarker("discord:G1:C1:1774164600000");
    const error = await ask("no-such-command");
    expect(error.ok).toBe(false);
    for (const reply of [await monster(), await okReply("help"), error]) {
      const message = render(reply, { marker });
      expect(limitViolations(message)).toEqual([]);
      expect(message.embeds.at(-1)?.footer?.text.endsWith(` · ${marker}`)).toBe(true);
      expect(carriesMarker(message.embeds, marker)).toBe(true);
      expect(carriesMarker(message.embeds, slotMarker("another key"))).toBe(false);
    }
  });

  it("marks a disputed figure and lists each source's value", async () => {
    const message = render(await okReply("figure kerman death toll"));
    const text = visibleText(message);
    expect(text).toMatch(/DISPUTED/);
    expect(text).toMatch(/Disputed: sources disagree/);
    expect(text).toContain("95 dead");
    expect(text).toContain("over one hundred");
    expect(message.embeds[0]?.color).not.toBe(render(await okReply("help")).embeds[0]?.color);
  });

  it("names each cited article with its date, and shows quotes only when asked", async () => {
    const reply = await okReply("attack crocus");
    const first = reply.citations[0] as ReplyCitation;
    const quote = first.quote.replace(/\s+/g, " ").slice(0, 40);
    expect(visibleText(render(reply))).toContain(`${first.outlet}, ${first.published.label}`);
    expect(visibleText(render(reply))).not.toContain(quote);
    expect(visibleText(render(reply, { showQuotes: true }))).toContain(quote);
  });

  it("neutralises markdown and mentions in corpus and user text, keeping the characters", async () => {
    const base = await okReply();
    const reply: Reply = { ...base, answer: { ...base.answer, title: HOSTILE, summary: HOSTILE } };
    const message = render(reply, { sharedBy: HOSTILE });
    expect(mentionsIn(message)).toEqual([]);
    const description = message.embeds[0]?.description ?? "";
    expect(description).not.toMatch(/(^|[^\\])\*\*bold/);
    expect(description).toContain("\\[link\\](");
    expect(visibleText(message)).toContain("@everyone @here <@123456789012345678>");
    expect(message.content).toMatch(/^Shared by /);
  });

  it("offers More, Show quotes and Share for an interactive answer, each id within 100 characters", async () => {
    const message = render(await okReply("attack crocus"), { ask: "attack crocus" });
    const ids = message.components.flatMap((r) =>
      r.components.map((b) => ("custom_id" in b ? b.custom_id : "")),
    );
    expect(ids).toEqual([
      "fd1:more:more attack crocus",
      "fd1:quotes:attack crocus",
      "fd1:share:attack crocus",
    ]);
    expect(parseButtonId(ids[0] ?? "")).toEqual({
      kind: "more",
      commandText: "more attack crocus",
    });
    expect(message.embeds.map((e) => e.footer?.text).join()).toContain("corpus");
  });

  it("drops Show quotes once quotes are shown, and all buttons on a shared copy or error", async () => {
    const labels = (m: DiscordMessage) =>
      m.components.flatMap((r) => r.components.map((b) => ("label" in b ? b.label : "")));
    const reply = await okReply("attack crocus");
    expect(labels(render(reply, { ask: "attack crocus", showQuotes: true }))).toEqual([
      "More",
      "Share in channel",
    ]);
    const full = await okReply("more attack crocus");
    expect(labels(render(full, { ask: "more attack crocus" }))).not.toContain("More");
    expect(labels(render(reply, { ask: "attack crocus", sharedBy: "Ann" }))).toEqual([]);
    expect(labels(render(reply))).toEqual([]);
    expect(labels(render(await ask("actor zzzzzz"), { ask: "actor zzzzzz" }))).toEqual([]);
  });

  it("shows quotes at once when the request is too long for a button", async () => {
    const reply = await okReply("attack crocus");
    const long = `attack crocus ${"y".repeat(100)}`;
    const message = render(reply, { ask: long });
    const quote = (reply.citations[0] as ReplyCitation).quote.replace(/\s+/g, " ").slice(0, 40);
    expect(visibleText(message)).toContain(quote);
    expect(visibleText(message)).not.toContain("Show quotes");
    expect(visibleText(message)).toContain("Share in channel");
  });

  it("renders an error with its usage and suggestions", async () => {
    const message = render(await ask("actor talibn"), { ask: "actor talibn" });
    const text = visibleText(message);
    expect(message.embeds[0]?.title).toBe("Not found");
    expect(text).toContain("taliban".slice(0, 5));
  });

  it("copies a message's embeds under 'Shared by', with no buttons", async () => {
    const original = render(await okReply("attack crocus"), { ask: "attack crocus" });
    const copy = sharedCopy(original.embeds, "Ann <@1>");
    expect(copy.embeds).toEqual(original.embeds);
    expect(copy.components).toEqual([]);
    expect(copy.content).toBe("Shared by Ann <\u200B@\u200B1>");
    expect(limitViolations(copy)).toEqual([]);
  });
});

describe("text", () => {
  it("escapes markdown and breaks mention syntax with a zero-width space", async () => {
    expect(plain("**x** <@1> @everyone")).toBe("\\*\\*x\\*\\* <\u200B@\u200B1> @\u200Beveryone");
    expect(plain("> quote\n# head\n-# sub\n 1. one")).toBe(
      "\\> quote\n\\# head\n\\-# sub\n 1\\. one",
    );
    expect(plain("[a](https://x) __u__ ||s|| ~~t~~ `c` \\")).toBe(
      "\\[a\\](https://x) \\_\\_u\\_\\_ \\|\\|s\\|\\| \\~\\~t\\~\\~ \\`c\\` \\\\",
    );
  });

  it("clips without splitting a surrogate pair or leaving a dangling escape", async () => {
    expect(clip("ab😀cd", 4)).toBe("ab…");
    expect(clip("ab\\*cd", 4)).toBe("ab…");
    expect(clip("short", 10)).toBe("short");
  });

  it("clips our markdown without leaving a bold marker open", async () => {
    expect(clipMarkdown(`• **${"z".repeat(300)}** end`, 96)).toMatch(/^• z+…$/);
    expect(clipMarkdown(`**a** ${plain("*".repeat(50))}`, 20)).toBe(`**a** ${"\\*".repeat(6)}…`);
  });
});

describe("button ids", () => {
  it("round-trips a request and refuses what is not ours", async () => {
    const id = quotesButtonId("figure crocus death toll") as string;
    expect(parseButtonId(id)).toEqual({ kind: "quotes", commandText: "figure crocus death toll" });
    expect(parseButtonId(SHARE_BUTTON_ID)).toEqual({ kind: "share" });
    expect(parseButtonId("fd0:quotes:x")).toBeNull();
    expect(quotesButtonId("search ".padEnd(95, "w"))).toBeNull();
  });

  it("remembers the version a button was made from, within 100 characters, and reads older ids", async () => {
    const id = moreButtonId("more attack crocus", 12) as string;
    expect(id).toBe("fd1:v12:more:more attack crocus");
    expect(parseButtonId(id)).toEqual({
      kind: "more",
      commandText: "more attack crocus",
      madeFrom: 12,
    });
    expect(parseButtonId("fd1:quotes:attack crocus")).toEqual({
      kind: "quotes",
      commandText: "attack crocus",
    });
    expect(parseButtonId("fd1:vx:more:attack crocus")).toBeNull();
    // The version's room comes out of the command text's, never over the limit.
    const text = "search ".padEnd(100 - "fd1:quotes:".length, "w");
    expect(quotesButtonId(text)).not.toBeNull();
    expect(quotesButtonId(text, 123_456)).toBeNull();
    const message = render(await okReply("attack crocus"), { ask: "attack crocus", seq: 7 });
    const ids = message.components.flatMap((r) =>
      r.components.map((b) => ("custom_id" in b ? b.custom_id : "")),
    );
    expect(ids).toEqual([
      "fd1:v7:more:more attack crocus",
      "fd1:v7:quotes:attack crocus",
      "fd1:v7:share:attack crocus",
    ]);
    expect(limitViolations(message)).toEqual([]);
  });

  it("carries a Share button's command text, version and quotes, else copies the message", async () => {
    expect(parseButtonId("fd1:v7:share:attack crocus")).toEqual({
      kind: "share",
      commandText: "attack crocus",
      quotes: false,
      madeFrom: 7,
    });
    expect(parseButtonId(shareButtonId("figure crocus death toll", 3, true))).toEqual({
      kind: "share",
      commandText: "figure crocus death toll",
      quotes: true,
      madeFrom: 3,
    });
    // Too long a text, or a button from before: the bare id, which copies what it is on.
    expect(shareButtonId(`search ${"w".repeat(100)}`, 3, false)).toBe(SHARE_BUTTON_ID);
    expect(parseButtonId(SHARE_BUTTON_ID)).toEqual({ kind: "share" });
    const shown = render(await okReply("attack crocus"), {
      ask: "attack crocus",
      seq: 7,
      showQuotes: true,
    });
    const ids = shown.components.flatMap((r) =>
      r.components.map((b) => ("custom_id" in b ? b.custom_id : "")),
    );
    expect(ids).toContain("fd1:v7:sharequotes:attack crocus");
  });
});

const reader = { citations: citationsShown, asShown };

describe("citations", () => {
  it("cites the summary, so the sources it lists are all pointed at", async () => {
    const reply = await okReply("attack crocus");
    const summary = render(reply).embeds[0]?.description?.split("\n")[0] ?? "";
    expect(summary).toMatch(
      new RegExp(`${reply.answer.summaryCites.map((c) => `\\[${c}\\]`).join("")}$`),
    );
  });

  it("says how many sources it left out when even the shown ones do not fit", async () => {
    const base = await okReply("help");
    const quote = `Quote ${"q".repeat(400)}`;
    const many: OkReply = {
      ...base,
      citations: Array.from({ length: 60 }, (_, i) => citation(i + 1, quote)),
      answer: {
        ...base.answer,
        summary: "A summary backed by every source.",
        summaryCites: Array.from({ length: 60 }, (_, i) => i + 1),
        fields: [],
        figures: [],
        sections: [],
      },
    };
    for (const showQuotes of [false, true]) {
      const message = render(many, { showQuotes });
      expect(limitViolations(message)).toEqual([]);
      const result = sourcing(reader, message, many, showQuotes);
      expectSourced(result, showQuotes);
      const { markers: shown, missing, leftOut } = result;
      expect(shown).toHaveLength(60);
      expect(missing.length).toBe(leftOut);
      if (showQuotes) {
        expect(leftOut).toBeGreaterThan(0);
        // The first referenced keep their quotes; the last are the ones left out.
        expect(missing).toEqual(shown.slice(60 - leftOut));
      }
    }
  });

  it("keeps the citation numbers of a line too long to show whole", async () => {
    const base = await okReply("help");
    const value = (text: string): FigureOut["values"][number] => ({
      id: text,
      text,
      value: 1,
      low: null,
      high: null,
      qualifier: null,
      asOf: "a".repeat(300),
      attributedTo: "b".repeat(300),
      outlet: "Outlet 2",
      cite: 2,
    });
    const reply: OkReply = {
      ...base,
      citations: [citation(1, "One."), citation(2, "Two.")],
      answer: {
        ...base.answer,
        summary: "s".repeat(3000),
        summaryCites: [1],
        fields: [{ label: "Long", value: "v".repeat(3000), cites: [1, 2], disputed: true }],
        figures: [
          {
            id: "f",
            measure: "m".repeat(300),
            unit: "people",
            verdict: "agree",
            override: null,
            disputed: false,
            span: null,
            spanLabel: null,
            note: "One source gives this figure.",
            values: [value("*".repeat(400))],
          },
        ],
        sections: [],
      },
    };
    const message = render(reply);
    expect(limitViolations(message)).toEqual([]);
    const [main] = message.embeds;
    expect(main?.description).toMatch(/s… \[1\]$/);
    expect(main?.fields?.[0]?.value).toMatch(/v… \[1\]\[2\] — \*\*disputed\*\*$/);
    expect(main?.fields?.[1]?.value).toMatch(/… \[2\]$/);
    expect(sourcing(reader, message, reply, false).missing).toEqual([]);
  });
});
