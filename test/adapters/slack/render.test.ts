import { describe, expect, it } from "vitest";
import { decodeButtonValue, encodeButtonValue } from "../../../src/adapters/slack/buttons.ts";
import { LIMITS } from "../../../src/adapters/slack/limits.ts";
import { clipMrkdwn, escapeMrkdwn, highlightMrkdwn } from "../../../src/adapters/slack/mrkdwn.ts";
import { render, type SlackBlock, type SlackMessage } from "../../../src/adapters/slack/render.ts";
import type { ErrorReply, FigureOut, Item, OkReply } from "../../../src/core/reply/schema.ts";
import { citation } from "../builders.ts";
import { expectSourced, sourcing } from "../contract.ts";
import {
  asShown,
  citationsShown,
  limitViolations,
  mentions,
  rawTexts,
  visibleText,
} from "./inspect.ts";

const HOSTILE =
  "<!channel> <!here|here> <!subteam^S1> @here @channel @everyone <@U123> <#C1|general> <https://evil.example|click> *bold* _it_ ~strike~ `code` ```block``` &amp; & x";

function item(text: string, extra: Partial<Item> = {}): Item {
  return { text, cites: [], highlights: [], disputed: false, ...extra };
}

function figure(extra: Partial<FigureOut> = {}): FigureOut {
  return {
    id: "crocus-killed",
    measure: "People killed",
    unit: "people",
    verdict: "conflict",
    override: null,
    disputed: true,
    span: null,
    spanLabel: null,
    note: "Conflict: no single amount fits every source's statement.",
    values: [
      {
        id: "v-137",
        text: "137",
        value: 137,
        low: null,
        high: null,
        qualifier: null,
        asOf: null,
        attributedTo: null,
        outlet: "Outlet 1",
        cite: 1,
      },
      {
        id: "v-130",
        text: "at least 130",
        value: 130,
        low: null,
        high: null,
        qualifier: "at least",
        asOf: "23 Mar 2024",
        attributedTo: "authorities",
        outlet: "Outlet 2",
        cite: 2,
      },
    ],
    ...extra,
  };
}

function okReply(answer: Partial<OkReply["answer"]> = {}, extra: Partial<OkReply> = {}): OkReply {
  return {
    schema: 3,
    ok: true,
    command: "figure",
    query: "figure crocus death toll",
    answer: {
      kind: "figure",
      title: "People killed in the Crocus City Hall attack",
      summary: "Sources disagree.",
      summaryCites: [1],
      fields: [],
      sections: [],
      figures: [figure()],
      disputed: true,
      data: { kind: "figure", figures: [] },
      ...answer,
    },
    error: null,
    suggestions: [],
    more: null,
    citations: [citation(1), citation(2)],
    corpusVersion: "test",
    corpusLabel: "corpus test",
    ...extra,
  };
}

function errorReply(message: string, extra: Partial<ErrorReply> = {}): ErrorReply {
  return {
    schema: 3,
    ok: false,
    command: null,
    query: "x",
    answer: null,
    error: { code: "not_found", message, path: [], usage: "actor <name>" },
    suggestions: [{ label: "isis-k", command: "actor isis-k" }],
    more: null,
    citations: [],
    corpusVersion: "test",
    corpusLabel: "corpus test",
    ...extra,
  };
}

const mrkdwnTexts = (m: SlackMessage) =>
  m.blocks.flatMap((b): string[] => {
    if (b.type === "section") return [b.text?.text ?? "", ...(b.fields ?? []).map((f) => f.text)];
    if (b.type === "context") return b.elements.map((e) => ("text" in e ? e.text : ""));
    return [];
  });

const hostileReply = () =>
  okReply(
    {
      title: HOSTILE,
      summary: HOSTILE,
      fields: [{ label: HOSTILE, value: HOSTILE, cites: [1], disputed: true }],
      sections: [
        { heading: HOSTILE, items: [item(HOSTILE), item(`line one\n> line two`)], omitted: 0 },
      ],
      figures: [figure({ measure: HOSTILE, unit: HOSTILE })],
    },
    {
      citations: [citation(1, { outlet: HOSTILE, title: HOSTILE, quote: HOSTILE })],
      suggestions: [{ label: HOSTILE, command: HOSTILE }],
    },
  );

describe("slack renderer: escaping", () => {
  const variants: [string, SlackMessage][] = [
    ["plain", render(hostileReply())],
    [
      "quotes, shared, buttons",
      render(hostileReply(), {
        showQuotes: true,
        sharedBy: HOSTILE,
        actions: { text: HOSTILE, share: true },
      }),
    ],
    ["error", render(errorReply(HOSTILE, { suggestions: [{ label: HOSTILE, command: HOSTILE }] }))],
  ];

  it.each(variants)("renders hostile text without a mention (%s)", (_, message) => {
    expect(mentions(message)).toEqual([]);
    expect(limitViolations(message)).toEqual([]);
  });

  it.each(variants)("leaves no raw control character from the text (%s)", (_, message) => {
    for (const text of rawTexts(message)) {
      // Our own quote marker is the only ">" allowed, and only at a line start.
      expect(text.replace(/^>/gm, "")).not.toMatch(/[<>]/);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(visibleText(message)).toContain("<!channel>");
  });

  it("keeps user formatting characters from formatting anything", () => {
    const message = render(hostileReply());
    for (const text of mrkdwnTexts(message)) {
      expect(text).not.toMatch(/[~`]/);
      // The only asterisks and underscores are the renderer's own, in pairs.
      expect(text.split("*").length % 2).toBe(1);
      expect(text.split("_").length % 2).toBe(1);
    }
    expect(visibleText(message)).toContain("∗bold∗ ˍitˍ ∼strike∼ ˋcodeˋ");
  });

  it("breaks @-words with an invisible joiner, so nothing auto-parses as @here", () => {
    expect(escapeMrkdwn("ask @here or @bob, mail a@b.c")).toBe(
      "ask @\u2060here or @\u2060bob, mail a@\u2060b.c",
    );
    expect(highlightMrkdwn("@here", [[1, 5]])).toBe("@\u2060*here*");
  });

  it("keeps corpus text on one line, so it cannot open a quote", () => {
    expect(escapeMrkdwn("line one\n> line two\r\n\u2028three")).toBe(
      "line one &gt; line two three",
    );
  });

  it("escapes the name of whoever shared, as plain text", () => {
    const message = render(okReply(), { sharedBy: "<@U999> @channel *boss*" });
    const shared = mrkdwnTexts(message).find((t) => t.startsWith("Shared by"));
    expect(shared).toMatch(/^Shared by &lt;@\u2060U999&gt; @\u2060channel ∗boss∗ · corpus /);
    expect(mentions(message)).toEqual([]);
  });

  it("says which corpus version answered", () => {
    const reply = okReply();
    expect(mrkdwnTexts(render(reply)).some((t) => t.endsWith(reply.corpusLabel))).toBe(true);
  });

  it("never asks Slack for verbatim text", () => {
    expect(JSON.stringify(render(hostileReply(), { showQuotes: true }))).not.toContain("verbatim");
  });
});

describe("slack renderer: highlights", () => {
  it("puts search hits in bold", () => {
    expect(highlightMrkdwn("Tajik migrants in Russia", [[6, 14]])).toBe(
      "Tajik *migrants* in Russia",
    );
  });

  it("glues bold that starts or ends mid-word with zero-width spaces", () => {
    expect(highlightMrkdwn("Tajikistan", [[0, 5]])).toBe("*Tajik*\u200Bistan");
  });

  it("survives messy ranges: reversed, overlapping, out of bounds, spaces", () => {
    const text = "one two three & <four>";
    const out = highlightMrkdwn(text, [
      [8, 3],
      [0, 5],
      [2, 7],
      [-4, 1],
      [13, 99],
      [3, 4],
    ]);
    expect(out.split("*").length % 2).toBe(1);
    expect(out).toContain("&amp; &lt;four&gt;");
    expect(out.replace(/[*\u200B]/g, "")).toBe(escapeMrkdwn(text));
  });
});

describe("slack renderer: limits", () => {
  const huge = okReply(
    {
      title: "T".repeat(400),
      summary: "S".repeat(5000),
      fields: Array.from({ length: 25 }, (_, i) => ({
        label: `Field ${i}`,
        value: "v".repeat(5000),
        cites: [1],
        disputed: i % 2 === 0,
      })),
      figures: Array.from({ length: 30 }, () =>
        figure({ values: Array(60).fill(figure().values[1]) }),
      ),
      sections: Array.from({ length: 80 }, (_, i) => ({
        heading: `Section ${i}`,
        items: Array.from({ length: 30 }, () => item("x".repeat(900), { cites: [1, 2] })),
        omitted: 3,
      })),
    },
    {
      citations: Array.from({ length: 120 }, (_, i) =>
        citation(i + 1, { quote: "q".repeat(1500) }),
      ),
      suggestions: Array.from({ length: 40 }, (_, i) => ({
        label: "L".repeat(200),
        command: `figure ${i}`,
      })),
    },
  );

  it.each([
    ["plain", {}],
    [
      "with quotes, shared, buttons",
      { showQuotes: true, sharedBy: "alice", actions: { text: "figure x", share: true } },
    ],
  ])("stays within every limit for a huge reply (%s), saying what it left out", (_, options) => {
    const message = render(huge, options);
    expect(limitViolations(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(visibleText(message)).toMatch(/…and \d+ more/);
  });

  it("splits fields into sections of at most 10, showing all of them", () => {
    const message = render(huge);
    const withFields = message.blocks.filter(
      (b): b is Extract<SlackBlock, { type: "section" }> =>
        b.type === "section" && b.fields !== undefined,
    );
    expect(withFields.map((b) => b.fields?.length)).toEqual([10, 10, 5]);
  });

  it("counts the items the core omitted in the section's note", () => {
    const message = render(
      okReply({
        figures: [],
        sections: [{ heading: "H", items: [item("a"), item("b")], omitted: 7 }],
      }),
    );
    expect(visibleText(message)).toContain("• a\n• b\n_…and 7 more_");
  });

  it("cuts mrkdwn without splitting an entity or leaving a marker open", () => {
    const text = `${escapeMrkdwn("a & b < c")} *bold part* _italic part_ ${escapeMrkdwn("😀 > d")}`;
    for (let max = 2; max < text.length; max++) {
      const cut = clipMrkdwn(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/&[a-z]*…$/);
      expect(cut).not.toMatch(/[\uD800-\uDBFF]…$/);
      expect(cut.split("*").length % 2).toBe(1);
      expect(cut.split("_").length % 2).toBe(1);
    }
  });
});

describe("slack renderer: content", () => {
  it("marks a disputed figure and lists every source's value", () => {
    const text = visibleText(render(okReply()));
    expect(text).toContain(":warning: *disputed*");
    expect(text).toContain("*137*: Outlet 1 [1]");
    expect(text).toContain("*at least 130*: Outlet 2 (authorities), as of 23 Mar 2024 [2]");
    expect(text).toContain("no single amount fits every source");
  });

  it("shows compatible values with their note and no disputed mark", () => {
    const note = "Compatible: the sources word it differently; 137 people fits every statement.";
    const compatible = figure({ verdict: "compatible", disputed: false, note });
    const text = visibleText(render(okReply({ figures: [compatible], disputed: false })));
    expect(text).not.toContain("disputed");
    expect(text).toContain(note);
  });

  it("cites the summary's sources after it", () => {
    expect(visibleText(render(okReply()))).toContain("Sources disagree. [1]");
  });

  it("lists citations by outlet and date, quotes only when asked", () => {
    const short = visibleText(render(okReply()));
    expect(short).toContain("[1] Outlet 1, 23 Mar 2024");
    expect(short).not.toContain("Quote number 1");
    const long = visibleText(render(okReply(), { showQuotes: true }));
    expect(long).toContain("“Quote number 1, verbatim.”");
  });

  it("gives a short escaped fallback text for notifications", () => {
    const ok = render(okReply({ title: "A & B", summary: "x".repeat(1000) }), {
      sharedBy: "alice",
    });
    expect(ok.text.startsWith("alice shared: A &amp; B (disputed): xxx")).toBe(true);
    expect(ok.text.length).toBeLessThanOrEqual(300);
    expect(render(errorReply("No actor <x>.")).text).toBe("No actor &lt;x&gt;.");
  });

  it("renders the same message for the same reply", () => {
    expect(render(okReply())).toEqual(render(okReply()));
  });
});

describe("slack renderer: buttons", () => {
  const buttonsOf = (m: SlackMessage) =>
    m.blocks
      .flatMap((b) => (b.type === "actions" ? b.elements : []))
      .filter((e) => e.type === "button");

  it("offers Show quotes and Share carrying the command text, not the answer", () => {
    const message = render(okReply(), {
      actions: { text: "figure crocus death toll", share: true },
    });
    const [quotes, share] = buttonsOf(message);
    expect(quotes?.text.text).toBe("Show quotes");
    expect(decodeButtonValue(quotes?.value)).toEqual({
      text: "figure crocus death toll",
      quotes: true,
    });
    expect(share?.text.text).toBe("Share in channel");
    expect(decodeButtonValue(share?.value)).toEqual({
      text: "figure crocus death toll",
      quotes: false,
    });
    const hide = buttonsOf(
      render(okReply(), { showQuotes: true, actions: { text: "q", share: true } }),
    );
    expect(hide[0]?.text.text).toBe("Hide quotes");
  });

  it("has every button remember the published version its answer came from", () => {
    const message = render(errorReply("No such actor."), {
      actions: { text: "actor x", share: true, seq: 12 },
    });
    expect(decodeButtonValue(buttonsOf(message)[0]?.value)).toEqual({
      text: "actor isis-k",
      quotes: false,
      v: 12,
    });
    const answer = render(okReply(), { actions: { text: "q", share: true, seq: 3 } });
    expect(buttonsOf(answer).map((b) => decodeButtonValue(b.value)?.v)).toEqual([3, 3]);
    expect(decodeButtonValue('{"text":"a","quotes":true,"v":0}')).toBeNull();
  });

  it("never offers Share on an error, only suggestions", () => {
    const message = render(errorReply("No such actor."), {
      actions: { text: "actor x", share: true },
    });
    expect(buttonsOf(message).map((b) => b.text.text)).toEqual(["isis-k"]);
    expect(decodeButtonValue(buttonsOf(message)[0]?.value)).toEqual({
      text: "actor isis-k",
      quotes: false,
    });
  });

  it("shows suggestions as text when there are no buttons", () => {
    expect(visibleText(render(errorReply("No such actor.")))).toContain(
      "Did you mean: actor isis-k",
    );
  });

  it("leaves out a button whose value would pass Slack's limit", () => {
    expect(encodeButtonValue({ text: "x".repeat(1990), quotes: false })).toBeNull();
    const message = render(okReply(), { actions: { text: "x".repeat(3000), share: true } });
    expect(buttonsOf(message)).toEqual([]);
  });

  it("reads back only values it wrote", () => {
    for (const bad of [
      undefined,
      "",
      "not json",
      "{}",
      '{"text":1,"quotes":true}',
      '{"text":"a","quotes":true,"x":1}',
    ]) {
      expect(decodeButtonValue(bad)).toBeNull();
    }
  });
});

describe("slack message checks (the checkers themselves)", () => {
  const section = (text: string): SlackBlock => ({
    type: "section",
    text: { type: "mrkdwn", text },
  });
  const ok = (blocks: SlackBlock[]): SlackMessage => ({ text: "t", blocks });

  it("pass a valid message", () => {
    expect(limitViolations(ok([section("fine")]))).toEqual([]);
  });

  it.each<[string, SlackMessage]>([
    ["51 blocks", ok(Array.from({ length: 51 }, () => section("x")))],
    [
      "header over 150",
      ok([{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }]),
    ],
    ["section text over 3000", ok([section("x".repeat(3001))])],
    [
      "11 fields",
      ok([
        {
          type: "section",
          fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn" as const, text: "f" })),
        },
      ]),
    ],
    [
      "field over 2000",
      ok([{ type: "section", fields: [{ type: "mrkdwn", text: "f".repeat(2001) }] }]),
    ],
    ["empty section", ok([{ type: "section" }])],
    ["empty text", ok([section("")])],
    [
      "11 context elements",
      ok([
        {
          type: "context",
          elements: Array.from({ length: 11 }, () => ({ type: "mrkdwn" as const, text: "c" })),
        },
      ]),
    ],
    [
      "button text over 75",
      ok([
        {
          type: "actions",
          elements: [
            { type: "button", action_id: "a", text: { type: "plain_text", text: "b".repeat(76) } },
          ],
        },
      ]),
    ],
    [
      "button value over 2000",
      ok([
        {
          type: "actions",
          elements: [
            {
              type: "button",
              action_id: "a",
              value: "v".repeat(2001),
              text: { type: "plain_text", text: "b" },
            },
          ],
        },
      ]),
    ],
    [
      "duplicate action ids",
      ok([
        {
          type: "actions",
          elements: [1, 2].map(() => ({
            type: "button" as const,
            action_id: "same",
            text: { type: "plain_text" as const, text: "b" },
          })),
        },
      ]),
    ],
    ["no notification text", { text: " ", blocks: [section("x")] }],
  ])("flag %s", (_, message) => {
    expect(limitViolations(message)).not.toEqual([]);
  });

  it("find mentions and pings", () => {
    const message = ok([section("<!channel> hi <@U1> in <#C1> and @here, @everyone")]);
    expect(mentions(message)).toEqual(["<!channel>", "<@U1>", "<#C1>", "@here", "@everyone"]);
    expect(mentions(ok([section("mail me@here.com")]))).toEqual([]);
  });

  it("read text as a reader sees it", () => {
    expect(visibleText(ok([section("a &lt;b&gt; &amp;amp; @\u2060here")]))).toBe(
      "a <b> &amp; @here",
    );
  });
});

const reader = { citations: citationsShown, asShown };

describe("slack renderer: citations", () => {
  it("leaves out the sources of body blocks it cut, and says how many it could not fit", () => {
    const many = okReply(
      {
        summary: null,
        summaryCites: [],
        figures: [],
        sections: Array.from({ length: 60 }, (_, s) => ({
          heading: `Section ${s}`,
          items: [1, 2].map((n) => item(`Line ${n}`, { cites: [s * 2 + n] })),
          omitted: 0,
        })),
      },
      {
        citations: Array.from({ length: 120 }, (_, i) =>
          citation(i + 1, { quote: `Quote ${i + 1} ${"q".repeat(900)}` }),
        ),
      },
    );
    for (const showQuotes of [false, true]) {
      const message = render(many, { showQuotes });
      expect(limitViolations(message)).toEqual([]);
      const result = sourcing(reader, message, many, showQuotes);
      expectSourced(result, showQuotes);
      const { markers: shown, missing, leftOut } = result;
      // Cut sections cite nothing shown, so their sources are not listed.
      expect(shown.length).toBeLessThan(120);
      if (showQuotes) {
        expect(leftOut).toBeGreaterThan(0);
        expect(missing.length).toBe(leftOut);
      } else {
        expect(missing).toEqual([]);
      }
    }
  });

  it("keeps the citation numbers of a line too long to show whole", () => {
    const long = "x".repeat(5000);
    const reply = okReply({
      summary: long,
      summaryCites: [1],
      fields: [{ label: "Field", value: long, cites: [1, 2], disputed: true }],
      figures: [
        figure({
          values: [{ ...(figure().values[0] as FigureOut["values"][number]), text: long, cite: 2 }],
        }),
      ],
      sections: [
        { heading: "H", items: [item(long, { cites: [1, 2], disputed: true })], omitted: 0 },
      ],
    });
    const message = render(reply, { showQuotes: true });
    expect(limitViolations(message)).toEqual([]);
    const text = visibleText(message);
    expect(text).toContain("x… [1]\n");
    expect(text).toContain("x… [1, 2] :warning: *disputed*");
    expect(text.match(/x… \[1, 2\] :warning: \*disputed\*/g)).toHaveLength(2);
    expect(text).toMatch(/^• x+… \[2\]$/m);
    expect(sourcing(reader, message, reply, true).missing).toEqual([]);
  });
});

describe("examples in Slack error messages", () => {
  it("shows a quoted cron example as a code span, its asterisks as typed for copy and paste", () => {
    const message = render(
      errorReply('"0 8 * * 9" is not a valid cron expression. Try "0 8 * * 1-5".'),
    );
    const texts = mrkdwnTexts(message).join("\n");
    expect(texts).toContain("`0 8 * * 9` is not a valid cron expression. Try `0 8 * * 1-5`.");
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain("Usage: `actor &lt;name&gt;`");
    expect(blocks).not.toContain("∗");
  });

  it("keeps a code span from ending early or mentioning anyone", () => {
    const message = render(errorReply('"a`b @here <!channel>" is not a valid cron expression.'));
    expect(mrkdwnTexts(message).join("\n")).toContain("`ab @\u2060here &lt;!channel&gt;`");
    expect(mentions(message)).toEqual([]);
  });
});

describe("user-typed URLs in a shared answer", () => {
  it("stay inert in the header and the notification text, reading the same", () => {
    const typed = "Search: https://evil.example/x evil.example.com www.evil.example";
    const message = render(okReply({ title: typed }), { sharedBy: "alice" });
    const header = message.blocks.find((b) => b.type === "header");
    const shown = [message.text, header?.type === "header" ? header.text.text : ""];
    for (const text of shown) {
      expect(text).not.toMatch(/https?:\/\/|evil\.example|www\.evil/);
      expect(text.replace(/\u2060/g, "")).toContain(typed);
    }
  });
});
