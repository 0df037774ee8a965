import { beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../../src/adapters/adapter.ts";
import { citedIds } from "../../src/adapters/layout.ts";
import type { Reply } from "../../src/core/reply/schema.ts";
import type { ChannelRef } from "../../src/ports/poster.ts";
import { posterContract } from "../ports/poster.contract.ts";
import { replyTo } from "../support/responder.ts";
import { citation } from "./builders.ts";

/** What a rendered message cites, read back from it. */
export interface CitationsShown {
  /** Every citation number shown outside the sources, each once, in order of appearance. */
  markers: number[];
  /** Each listed source by id: its entry as a reader sees it, quote included when shown. */
  sources: Map<number, string>;
  /** How many sources the message says it left out ("…and N more sources"). */
  leftOut: number;
}

/** How a platform's visible text writes citations, for readCitations. */
export interface CitationSyntax {
  /** The start of a source line; group 1 holds the ids it lists ("[1][4]", "1"). */
  source: RegExp;
  /** How the line under a source starts when it is the source's quote. */
  quote: string;
  /** A citation marker in the body (a global pattern); group 1 holds its ids. */
  marker: RegExp;
  /** "…and N more sources" as the platform writes it; group 1 is N. */
  leftOut: RegExp;
}

/** What visible text cites: its markers, each source listed by id, how many it left out. */
export function readCitations(text: string, syntax: CitationSyntax): CitationsShown {
  const lines = text.split("\n");
  const ids = (group: string | undefined) => [...(group ?? "").matchAll(/\d+/g)].map(Number);
  const markers: number[] = [];
  const sources = new Map<number, string>();
  let leftOut = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const source = syntax.source.exec(line);
    if (source) {
      const next = lines[i + 1] ?? "";
      const quoted = next.startsWith(syntax.quote);
      if (quoted) i++;
      for (const id of ids(source[1])) sources.set(id, quoted ? `${line}\n${next}` : line);
      continue;
    }
    leftOut += Number(syntax.leftOut.exec(line)?.[1] ?? 0);
    for (const m of line.matchAll(syntax.marker)) {
      for (const id of ids(m[1])) if (!markers.includes(id)) markers.push(id);
    }
  }
  return { markers, sources, leftOut };
}

/** What each platform's test gives the shared contract suite: its adapter and a way to look in. */
export interface AdapterHarness<R> {
  adapter: Adapter<R>;
  channel: ChannelRef;
  /** All text a reader would see in the rendered message, in order. */
  visibleText(rendered: R): string;
  /** Every platform limit the rendered message breaks (empty when within limits). */
  limitViolations(rendered: R): string[];
  /** The citation numbers the rendered message shows and the sources it lists. */
  citations(rendered: R): CitationsShown;
  /** Plain text as a reader sees it once the platform has escaped it. */
  asShown(text: string): string;
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
  "disputes claims",
  "actor talibn",
];

/**
 * How a rendered reply sources what it shows: the numbers shown that no citation has, those
 * whose source (outlet, date, and quote when shown) is not listed, and sources listed that
 * nothing shown cites.
 */
export function sourcing<R>(
  h: Pick<AdapterHarness<R>, "citations" | "asShown">,
  rendered: R,
  reply: Reply,
  showQuotes: boolean,
) {
  const { markers, sources, leftOut } = h.citations(rendered);
  const byId = new Map(reply.citations.map((c) => [c.id, c]));
  const flat = (text: string) => text.replace(/\s+/g, " ");
  const missing = markers.filter((id) => {
    const c = byId.get(id);
    const entry = flat(sources.get(id) ?? "");
    const has = (text: string) => entry.includes(flat(h.asShown(text)));
    if (!c || !has(c.outlet) || !has(c.published.label)) return true;
    return showQuotes && !has(flat(c.quote).slice(0, 30));
  });
  return {
    markers,
    unknown: markers.filter((id) => !byId.has(id)),
    missing,
    uncited: [...sources.keys()].filter((id) => !markers.includes(id)),
    leftOut,
  };
}

/**
 * Every number shown has its source, but for as many as the message says it left out (with quotes
 * shown, one entry a citation in id order: the highest numbers); no source is listed uncited.
 */
export function expectSourced(result: ReturnType<typeof sourcing>, showQuotes: boolean): void {
  expect(result.unknown).toEqual([]);
  expect(result.uncited).toEqual([]);
  expect(result.missing.length).toBeLessThanOrEqual(result.leftOut);
  if (showQuotes) {
    const shown = [...result.markers].sort((a, b) => a - b);
    const missing = [...result.missing].sort((a, b) => a - b);
    expect(missing).toEqual(shown.slice(shown.length - missing.length));
  }
}

/** Every kind, and an actor with a long sourced profile, with and without quotes. */
const SOURCED = [...EVERY_KIND, "actor iskp"].flatMap((text): [string, boolean][] => [
  [text, false],
  [text, true],
]);

const HOSTILE = "actor <!channel> @here @everyone <@U123> <#C1|x> <@&123> **bold** `code` &amp;";

/**
 * One suite every adapter passes: rendering within limits, nothing that pings, disputed figures
 * marked, citations shown, posting and failure classification.
 */
export function adapterContract<R>(name: string, setup: () => Promise<AdapterHarness<R>>): void {
  describe(`adapter contract: ${name}`, () => {
    let h: AdapterHarness<R>;
    const ask = (text: string): Promise<Reply> => replyTo(text);

    beforeAll(async () => {
      h = await setup();
    });

    it.each(EVERY_KIND)("renders '%s' within the platform's limits", async (text) => {
      const rendered = h.adapter.render(await ask(text));
      expect(h.limitViolations(rendered)).toEqual([]);
      expect(h.visibleText(rendered).length).toBeGreaterThan(0);
    });

    it("renders with quotes shown within limits too", async () => {
      for (const text of EVERY_KIND) {
        expect(h.limitViolations(h.adapter.render(await ask(text), { showQuotes: true }))).toEqual(
          [],
        );
      }
    });

    it("marks a disputed figure and shows every source's value", async () => {
      const reply = await ask("figure kerman death toll");
      expect(reply.ok && reply.answer.disputed).toBe(true);
      const text = h.visibleText(h.adapter.render(reply)).toLowerCase();
      expect(text).toContain("disputed");
      expect(text).toContain("95 dead");
      expect(text).toContain("over one hundred");
    });

    it("shows compatible values side by side without the disputed mark", async () => {
      const reply = await ask("figure crocus death toll");
      const text = h.visibleText(h.adapter.render(reply)).toLowerCase();
      expect(text).not.toContain("disputed");
      expect(text).toContain("compatible");
      expect(text).toContain("137");
      expect(text).toContain("at least 130");
    });

    it("names the outlet of every citation it shows", async () => {
      const reply = await ask("attack crocus");
      const text = h.visibleText(h.adapter.render(reply, { showQuotes: true }));
      for (const c of reply.citations) expect(text).toContain(c.outlet);
    });

    it.each(SOURCED)(
      "lists the source of every citation '%s' shows, and no other (quotes %s)",
      async (text, showQuotes) => {
        const reply = await ask(text);
        const result = sourcing(h, h.adapter.render(reply, { showQuotes }), reply, showQuotes);
        expectSourced(result, showQuotes);
        // The bundled corpus's answers fit whole: nothing shown goes unsourced.
        expect({ missing: result.missing, leftOut: result.leftOut }).toEqual({
          missing: [],
          leftOut: 0,
        });
        if (reply.ok && citedIds(reply.answer).length > 0) {
          expect(result.markers.length).toBeGreaterThan(0);
        }
      },
    );

    it("lists only the sources of what it shows when far too much is cited", async () => {
      const base = await ask("help");
      if (!base.ok) throw new Error("help failed");
      const many: Reply = {
        ...base,
        citations: Array.from({ length: 120 }, (_, i) =>
          citation(i + 1, { quote: `Quote ${i + 1} ${"q".repeat(900)}` }),
        ),
        answer: {
          ...base.answer,
          summary: "A summary backed by many sources.",
          summaryCites: Array.from({ length: 30 }, (_, i) => i + 1),
          sections: Array.from({ length: 60 }, (_, s) => ({
            heading: `Section ${s}`,
            items: [1, 2].map((n) => ({
              text: `Line ${n}`,
              cites: [s * 2 + n],
              highlights: [],
              disputed: false,
            })),
            omitted: 0,
          })),
        },
      };
      for (const showQuotes of [false, true]) {
        const rendered = h.adapter.render(many, { showQuotes });
        expect(h.limitViolations(rendered)).toEqual([]);
        expectSourced(sourcing(h, rendered, many, showQuotes), showQuotes);
      }
    });

    it("shows verbatim quotes when asked", async () => {
      const reply = await ask("figure tajiks in russia");
      const text = h.visibleText(h.adapter.render(reply, { showQuotes: true }));
      expect(reply.citations.length).toBeGreaterThan(0);
      for (const c of reply.citations) expect(text).toContain(c.quote.slice(0, 40));
    });

    it("never renders user text as a mention", async () => {
      const reply = await ask(HOSTILE);
      const rendered = h.adapter.render(reply);
      expect(h.mentions(rendered)).toEqual([]);
      expect(h.limitViolations(rendered)).toEqual([]);
    });

    it("stays within limits when an answer is far too long, saying what it left out", async () => {
      const base = await ask("help");
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
