import { beforeAll, describe, expect, it } from "vitest";
import { limitViolations as discordViolations } from "../../src/adapters/discord/limits.ts";
import type { DiscordMessage } from "../../src/adapters/discord/message.ts";
import { render as discordRender } from "../../src/adapters/discord/render.ts";
import { render as shellRender } from "../../src/adapters/shell/render.ts";
import { type SlackMessage, render as slackRender } from "../../src/adapters/slack/render.ts";
import type { Responder } from "../../src/commands/responder.ts";
import type { OkReply, Reply } from "../../src/core/reply/schema.ts";
import { SHORT } from "../../src/core/reply/short.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { firstSentence } from "../../src/core/text/sentences.ts";
import { expectSourced, sourcing } from "../adapters/contract.ts";
import * as discord from "../adapters/discord/inspect.ts";
import * as slack from "../adapters/slack/inspect.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { testCaller, testResponder } from "../support/responder.ts";

let snapshot: CorpusSnapshot;
let responder: Responder;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
  responder = testResponder(snapshot);
});

async function ask(text: string, caller = testCaller()): Promise<Reply> {
  return (await responder.answer({ caller, input: { text } })).reply;
}

async function ok(text: string): Promise<OkReply> {
  const reply = await ask(text);
  if (!reply.ok) throw new Error(`"${text}" failed: ${reply.error.message}`);
  return reply;
}

/** The shell's lines before its sources, and the citation numbers it shows and lists. */
function shellScreen(reply: Reply) {
  const text = shellRender(reply, { showQuotes: false });
  const lines = text.split("\n");
  const sourcesAt = lines.indexOf("*Sources*");
  const body = sourcesAt < 0 ? lines : lines.slice(0, sourcesAt);
  const listed = sourcesAt < 0 ? [] : lines.slice(sourcesAt + 1);
  const ids = (ls: string[], pattern: RegExp) =>
    new Set(ls.flatMap((l) => [...l.matchAll(pattern)].map((m) => Number(m[1]))));
  return {
    // The blank line before the sources is the body's last.
    lines: body.filter((l, i) => l !== "" || i < body.length - 1).length,
    shown: ids(body, /\[(\d+)\]/g),
    listed: ids(listed, /^\[(\d+)\] /g),
  };
}

/** Slack and Discord as an interactive answer to `text` renders: within limits, every source listed. */
function platforms(text: string) {
  return [
    {
      render: (r: Reply): unknown => slackRender(r, { actions: { text, share: true } }),
      violations: (m: unknown) => slack.limitViolations(m as SlackMessage),
      citations: (m: unknown) => slack.citationsShown(m as SlackMessage),
      asShown: slack.asShown,
    },
    {
      render: (r: Reply): unknown => discordRender(r, { ask: text }),
      violations: (m: unknown) => discordViolations(m as DiscordMessage),
      citations: (m: unknown) => discord.citationsShown(m as DiscordMessage),
      asShown: discord.asShown,
    },
  ];
}

/** Every actor, attack and figure in the bundled corpus, as a reporter asks for it. */
function everyRecord(): string[] {
  const { corpus } = snapshot;
  return [
    ...corpus.actors.map((a) => `actor ${a.id}`),
    ...corpus.attacks.map((a) => `attack ${a.id}`),
    ...corpus.figures.map((f) => `figure ${f.id}`),
  ];
}

describe("short answers", () => {
  it("fit one screen for every actor, attack and figure, citing only what they list", async () => {
    const records = everyRecord();
    expect(records.length).toBeGreaterThan(100);
    for (const text of records) {
      const reply = await ok(text);
      expect(reply.citations.length, text).toBeLessThanOrEqual(SHORT.citations);
      const screen = shellScreen(reply);
      expect(screen.lines, text).toBeLessThanOrEqual(SHORT.lines);
      expect([...screen.shown].sort(), text).toEqual([...screen.listed].sort());
      expect(reply.citations.map((c) => c.id)).toEqual([...screen.shown].sort((a, b) => a - b));

      for (const platform of platforms(text)) {
        const rendered = platform.render(reply);
        expect(platform.violations(rendered), text).toEqual([]);
        const sources = sourcing(platform, rendered, reply, false);
        expectSourced(sources, false);
        expect(sources.missing, text).toEqual([]);
      }
    }
  });

  it("shrinks the longest profile from over a hundred citations to one screen", async () => {
    const full = await ok("more actor iskp");
    const short = await ok("actor iskp");
    expect(full.citations.length).toBeGreaterThan(100);
    expect(full.more).toBeNull();
    expect(short.citations.length).toBeLessThanOrEqual(SHORT.citations);
    expect(short.more).toEqual({ label: "More", command: "more actor iskp" });
  });

  it("leads an actor with what it is and who leads it, from the records, cited", async () => {
    const reply = await ok("actor iskp");
    expect(reply.answer.summary).toMatch(/^The Islamic State's regional branch/);
    expect(reply.answer.summary).toContain(
      "Led by Sanaullah Ghafari (since 2020, according to taz).",
    );
    const ghafari = reply.citations.find((c) => c.quote.includes("Sanaullah Ghafari"));
    expect(reply.answer.summaryCites).toContain(ghafari?.id);
  });

  it("leads an attack with what happened, then when, where and the toll", async () => {
    const reply = await ok("attack crocus");
    const crocus = snapshot.corpus.attackById.get("crocus-city-hall-2024");
    expect(reply.answer.summary).toBe(firstSentence(crocus?.summary ?? ""));
    expect(reply.answer.fields.map((f) => f.label)).toEqual([
      "Date",
      "Place",
      "Status",
      "Killed",
      "Injured",
    ]);
  });

  it("answers 'more' with the full card of the caller's last short answer, and only theirs", async () => {
    const ann = testCaller({ userId: "ann" });
    await ask("attack kerman", ann);
    const more = await ask("more", ann);
    expect(more).toEqual(await ask("more attack kerman", ann));
    expect(more.ok && more.more).toBeNull();
    const bob = await ask("more", testCaller({ userId: "bob" }));
    expect(bob).toMatchObject({ ok: false, error: { code: "bad_input" } });
    if (!bob.ok) expect(bob.error.message).toMatch(/ask something first/);
  });

  it("re-asks a full answer in full when its quotes are shown", async () => {
    const answer = await responder.answer({
      caller: testCaller(),
      input: { text: "more attack crocus" },
    });
    expect(answer.reask).toBe("more attack crocus");
  });

  it("never offers the same suggestion twice", async () => {
    for (const text of [...everyRecord(), "ghafari", "who leads iskp", "crocus"]) {
      const commands = (await ask(text)).suggestions.map((s) => s.command.toLowerCase());
      expect(new Set(commands).size, text).toBe(commands.length);
    }
  });
});
