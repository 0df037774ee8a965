import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_INPUT_LENGTH } from "../../src/commands/input.ts";
import { commands } from "../../src/commands/registry.ts";
import type { Responder } from "../../src/commands/responder.ts";
import type { Corpus } from "../../src/core/corpus/types.ts";
import { Reply } from "../../src/core/reply/schema.ts";
import { whenSortKey } from "../../src/core/text/dates.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { replyTo, testCaller, testResponder } from "../support/responder.ts";

let corpus: Corpus;
let responder: Responder;
beforeAll(async () => {
  const snapshot = await bundledSnapshot();
  corpus = snapshot.corpus;
  responder = testResponder(snapshot);
});

async function withOptions(command: string, options: Record<string, unknown>) {
  return (await responder.answer({ caller: testCaller(), input: { command, options } })).reply;
}

async function ok(text: string) {
  const reply = await replyTo(text);
  if (!reply.ok) throw new Error(`"${text}" failed: ${reply.error.message}`);
  return reply;
}

async function failure(text: string) {
  const reply = await replyTo(text);
  if (reply.ok) throw new Error(`"${text}" should have failed`);
  return reply;
}

describe("figure", () => {
  it("shows the Crocus toll from every source, 137 and 'at least 130', as compatible, not disputed", async () => {
    const reply = await ok("figure crocus death toll");
    const [figure] = reply.answer.figures;
    expect(figure?.verdict).toBe("compatible");
    expect(figure?.disputed).toBe(false);
    expect(reply.answer.disputed).toBe(false);
    const stated = figure?.values.map((v) => `${v.text} (${v.outlet})`);
    expect(stated).toEqual(
      expect.arrayContaining([
        "137 (AsiaNews)",
        "137 (Tortoise Media (Sensemaker))",
        "at least 130 (DefenceReport)",
      ]),
    );
    // Only 137 satisfies "137", "at least 130" and "more than 130" at once.
    expect(figure?.span).toEqual({ low: 137, high: 137, lowInclusive: true, highInclusive: true });
    expect(figure?.spanLabel).toBe("137 people");
  });

  it("says four agreeing undated values agree, not that they are for different dates", async () => {
    const reply = await ok("figure crocus attackers");
    expect(reply.answer.figures[0]?.verdict).toBe("agree");
    expect(reply.answer.summary).toMatch(/\. 4 sources agree\.$/);
  });

  it("leads with the values, each with its source, before the verdict", async () => {
    const reply = await ok("figure crocus death toll");
    const [figure] = reply.answer.figures;
    for (const v of figure?.values ?? []) {
      expect(reply.answer.summary).toContain(v.text);
      // Inside the parenthesis an outlet's own parenthesis is flattened: "Tortoise Media, Sensemaker".
      expect(reply.answer.summary).toContain(v.outlet.split(" (")[0]);
    }
    expect(reply.answer.summary?.endsWith(figure?.note ?? "-")).toBe(true);
  });

  it("shows a curator's verdict with its reason and the literal one", async () => {
    const [figure] = (await ok("figure isis-k founded")).answer.figures;
    expect(figure).toMatchObject({ verdict: "compatible", disputed: false, spanLabel: null });
    expect(figure?.override?.computed).toBe("conflict");
    expect(figure?.note).toContain(figure?.override?.reason);
  });

  it("carries the contract's schema number in every reply", async () => {
    expect((await replyTo("figure crocus death toll")).schema).toBe(3);
    expect((await replyTo("actor talibn")).schema).toBe(3);
  });

  it("cites a quote for every value that occurs in the cited article", async () => {
    const reply = await ok("figure tajiks in russia");
    for (const value of reply.answer.figures[0]?.values ?? []) {
      const citation = reply.citations.find((c) => c.id === value.cite);
      expect(citation).toBeDefined();
      expect(corpus.articleById.get(citation?.articleId ?? "")?.text).toContain(citation?.quote);
    }
  });

  it("keeps the Kerman toll's three values: 95, almost 100, over one hundred", async () => {
    const figure = (await ok("figure kerman death toll")).answer.figures[0];
    // 95 and "over one hundred" cannot both be true.
    expect(figure).toMatchObject({ verdict: "conflict", disputed: true, spanLabel: null });
    expect(figure?.values.map((v) => v.value)).toEqual(expect.arrayContaining([95, 100]));
    expect(figure?.values.length).toBeGreaterThanOrEqual(3);
  });

  it("does not mark a figure only one source states as disputed", async () => {
    const reply = await ok("figure bajaur killed");
    expect(reply.answer.figures[0]?.disputed).toBe(false);
    expect(reply.answer.disputed).toBe(false);
  });
});

describe("actor", () => {
  it.each([
    "isis k",
    "ISKP",
    "Islamic State Khorasan",
    "Vilayat Khorasan",
    "isis-k",
    "IS Khorasan Province",
  ])("resolves '%s' to ISIS-K", async (name) => {
    expect((await ok(`actor ${name}`)).answer.title).toMatch(/Khorasan/);
  });

  it("resolves transliterations: rahmon and Rakhmon are the same person", async () => {
    expect((await ok("actor rahmon")).answer.title).toBe((await ok("actor Rakhmon")).answer.title);
  });

  it("suggests the closest name on a typo", async () => {
    const reply = await failure("actor talibn");
    expect(reply.error.code).toBe("not_found");
    expect(reply.error.message).toContain('No actor matches "talibn"');
    expect(reply.error.message).toMatch(/Did you mean .*Taliban/);
    expect(reply.suggestions[0]?.command).toMatch(/^actor /);
  });

  it("lists the leader, with a citation", async () => {
    const reply = await ok("more actor iskp");
    const leader = reply.answer.fields.find((f) => f.label === "Leader");
    expect(leader?.value).toContain("Sanaullah Ghafari");
    expect(leader?.cites.length).toBeGreaterThan(0);
  });

  it("shows only the texts' names as 'Also known as'; the editors' still find the actor", async () => {
    for (const actor of corpus.actors) {
      const shown = (await ok(`actor ${actor.id}`)).answer.fields.find(
        (f) => f.label === "Also known as",
      );
      for (const alias of actor.editorAliases) {
        expect(shown?.value.split(", ") ?? [], actor.id).not.toContain(alias.name);
      }
    }
    const ghafari = await ok("actor Shahab al-Muhajir");
    expect(ghafari.answer.title).toBe("Sanaullah Ghafari");
    expect(JSON.stringify(ghafari.answer)).not.toContain("Shahab");
  });

  it("marks a canonical name the editors chose, on actors and attacks", async () => {
    const rahmon = await ok("actor rahmon");
    expect(rahmon.answer.fields).toContainEqual(
      expect.objectContaining({ label: "Name", value: expect.stringContaining("Rakhmon") }),
    );
    const kerman = await ok("attack kerman");
    expect(kerman.answer.fields.find((f) => f.label === "Name")?.value).toMatch(/editors/);
    const taz = await ok("actor taz");
    expect(taz.answer.title).toBe("taz");
    expect(taz.answer.fields.find((f) => f.label === "Name")).toBeUndefined();
  });

  it("every citation in an actor profile quotes its article verbatim", async () => {
    for (const actor of corpus.actors) {
      for (const c of (await replyTo(`actor ${actor.name}`)).citations) {
        expect(corpus.articleById.get(c.articleId)?.text).toContain(c.quote);
      }
    }
  });

  it("resolves every actor by its canonical name and by each alias, the editors' too", async () => {
    for (const actor of corpus.actors) {
      for (const name of [
        actor.name,
        ...actor.aliases,
        ...actor.editorAliases.map((e) => e.name),
      ]) {
        const reply = await replyTo(`actor ${name}`);
        // An alias shared by two actors may be ambiguous, but must never land on a third.
        if (reply.ok) expect(reply.answer.title, name).toBe(actor.name);
        else expect(reply.error.code, name).toBe("ambiguous");
      }
    }
  });
});

describe("attack", () => {
  it("never shows a curator note, in any attack, actor or timeline answer", async () => {
    const notes = corpus.attacks.flatMap((a) => a.perpetrators.flatMap((p) => p.curatorNote ?? []));
    expect(notes.length).toBeGreaterThan(0);
    const questions = [
      ...corpus.attacks.map((a) => `attack ${a.id}`),
      ...corpus.actors.map((a) => `actor ${a.id}`),
      "timeline",
    ];
    for (const q of questions) {
      const shown = JSON.stringify((await replyTo(q)).answer);
      for (const note of notes) expect(shown, q).not.toContain(note);
      expect(shown, q).not.toMatch(/actor id/);
    }
  });

  it("says a toll's word once and never nests an outlet's parentheses", async () => {
    const kandahar = await ok("attack kandahar");
    const killed = kandahar.answer.fields.find((f) => f.label === "Killed")?.value;
    expect(killed).toBe("killed 21 people (taz, die tageszeitung)");
    const crocus = await ok("attack crocus");
    for (const f of crocus.answer.fields) expect(f.value, f.label).not.toMatch(/\([^)]*\(/);
    const timeline = JSON.stringify((await ok("more timeline")).answer);
    expect(timeline).not.toMatch(/killed: killed|injured: injured/);
    expect(timeline).toContain("killed: over one hundred");
  });

  it.each(["crocus", "Krokus City Hall", "2024-03-22", "crocus city hall attack"])(
    "finds the Crocus attack by '%s'",
    async (q) => {
      expect((await ok(`attack ${q}`)).answer.title).toMatch(/Crocus/);
    },
  );

  it("shows perpetrators with their attribution status and Russia's allegation apart from the claim", async () => {
    const reply = await ok("more attack crocus");
    const perpetrators =
      reply.answer.sections.find((s) => s.heading === "Perpetrators")?.items.map((i) => i.text) ??
      [];
    expect(perpetrators.some((t) => /ISIS-K|Khorasan/.test(t) && /claimed/.test(t))).toBe(true);
    expect(perpetrators.some((t) => /Ukraine/.test(t) && /alleged/.test(t))).toBe(true);
    expect(reply.answer.fields.find((f) => f.label === "Killed")?.disputed).toBe(false);
    expect(reply.answer.fields.find((f) => f.label === "Injured")?.disputed).toBe(true);
  });

  it("answers the main reading of a place that fits several incidents and lists the others", async () => {
    const reply = await ok("attack moscow");
    expect(reply.answer.title).toBe("Crocus City Hall attack");
    const also = reply.answer.fields.find((f) => f.label.startsWith("Also matching"));
    expect(also?.value).toMatch(/synagogue .*\(foiled plot, /);
    expect(reply.suggestions[0]?.label).toMatch(/synagogue/);
    const plot = await ok(reply.suggestions[0]?.command ?? "");
    expect(plot.answer.title).toMatch(/synagogue/);
  });

  it("shows figures from one incident or one sentence together instead of asking", async () => {
    const kandahar = await ok("figure kandahar");
    expect(kandahar.answer.figures.map((f) => f.id)).toEqual([
      "kandahar-2024-killed",
      "kandahar-2024-injured",
    ]);
    expect(kandahar.answer.summary).toMatch(/one incident/);
    const camps = await ok("figure detention camps");
    expect(camps.answer.figures.map((f) => f.id).sort()).toEqual([
      "syria-detention-camps-children",
      "syria-detention-camps-people",
    ]);
    expect(camps.answer.summary).toMatch(/one sentence/);
  });

  it("still asks when the readings really differ", async () => {
    const reply = await failure("figure crocus");
    expect(reply.error.code).toBe("ambiguous");
  });
});

describe("timeline", () => {
  it("lists attacks and events in date order, each row naming its record", async () => {
    const items = (await ok("more timeline")).answer.sections[0]?.items ?? [];
    expect(items.length).toBe(corpus.attacks.length + corpus.events.length);
    const keys = items.map((i) => {
      const { type, id } = i.record ?? { type: "none", id: "" };
      const record = type === "attack" ? corpus.attackById.get(id) : corpus.eventById.get(id);
      if (!record) throw new Error(`row without a record: ${i.text}`);
      return whenSortKey(record.date);
    });
    expect(keys).toEqual([...keys].sort());
  });

  it("filters to one actor", async () => {
    const all = (await ok("more timeline")).answer.sections[0]?.items.length ?? 0;
    const iskp = (await ok("more timeline iskp")).answer.sections[0]?.items ?? [];
    expect(iskp.length).toBeGreaterThan(0);
    expect(iskp.length).toBeLessThan(all);
    expect(iskp.some((i) => i.text.includes("Crocus"))).toBe(true);
  });
});

describe("search", () => {
  it("finds the passage that answers a question, where the text says 'the group'", async () => {
    for (const q of ["search who leads ISKP", "search who is the leader of iskp"]) {
      const [top] = (await ok(q)).answer.sections[0]?.items ?? [];
      expect(top?.text, q).toContain(
        "the group is led by 29-year-old Afghan Tajik Sanaullah Ghafari",
      );
    }
  });

  it("says nothing of how it ranks", async () => {
    expect(JSON.stringify(await ok("search tajik migrants"))).not.toContain("BM25");
  });

  it("ranks passages and highlights the matched words", async () => {
    const reply = await ok("search tajik diaspora");
    const first = reply.answer.sections[0]?.items[0];
    expect(first?.text).toMatch(/Tajik diaspora/);
    const highlighted = first?.highlights.map(([s, e]) => first.text.slice(s, e).toLowerCase());
    expect(highlighted).toEqual(expect.arrayContaining(["tajik", "diaspora"]));
    for (const c of reply.citations)
      expect(corpus.articleById.get(c.articleId)?.text).toContain(c.quote);
  });

  it("says so when nothing matches", async () => {
    expect((await failure("search zebra xylophone")).error.code).toBe("not_found");
  });
});

describe("sources, disputes, help", () => {
  it("lists the five articles with outlets", async () => {
    const items = (await ok("sources")).answer.sections[0]?.items ?? [];
    expect(items).toHaveLength(5);
    expect(items.map((i) => i.text).join("\n")).toMatch(
      /AsiaNews[\s\S]*Tortoise[\s\S]*DefenceReport[\s\S]*n-tv[\s\S]*taz/,
    );
  });

  it("shows what was cleaned out of an article", async () => {
    const reply = await ok("more source tortoise-tajik-backlash");
    expect(reply.answer.sections[0]?.items[0]?.text).toContain(
      "Pulitzer prize-winning journalists",
    );
  });

  it("lists the conflicts first, then the compatible differences, and nothing else", async () => {
    const figures = (await ok("more disputes")).answer.figures;
    const verdicts = figures.map((f) => f.verdict);
    const firstCompatible = verdicts.indexOf("compatible");
    expect(verdicts.slice(0, firstCompatible).every((v) => v === "conflict")).toBe(true);
    expect(verdicts.slice(firstCompatible).every((v) => v === "compatible")).toBe(true);
    expect(figures.every((f) => f.disputed === (f.verdict === "conflict"))).toBe(true);
    expect(figures.map((f) => f.id)).toEqual(
      expect.arrayContaining(["crocus-killed", "kerman-killed", "tajiks-in-russia"]),
    );
  });

  it("points from the figures to the claim disputes", async () => {
    const reply = await ok("disputes");
    expect(reply.answer.fields).toEqual([
      expect.objectContaining({ label: "Claim disputes", value: expect.stringMatching(/^4, /) }),
    ]);
    expect(reply.suggestions).toContainEqual({
      label: "Claim disputes",
      command: "disputes claims",
    });
  });

  it("refuses a view disputes does not have, saying which it has", async () => {
    const reply = await replyTo("disputes crocus");
    expect(reply.ok).toBe(false);
    expect(reply.error?.message).toBe('say "figures" or "claims" after disputes');
  });

  it("lists claim disputes with 'claims', each with its id and the entries it sets side by side", async () => {
    const answer = (await ok("disputes claims")).answer;
    const claims = answer.sections.find((s) => s.heading === "Claim disputes")?.items ?? [];
    expect(claims.map((i) => i.id)).toEqual([
      "crocus-city-hall-2024-claim-isis-k",
      "kerman-bombings-2024-claim-isis-k",
      "istanbul-church-2024-claim-isis-k",
      "crocus-city-hall-2024-allegation-ukraine",
    ]);
    expect(claims[0]?.text).toMatch(
      /^Crocus City Hall attack, Islamic State in Khorasan Province: claimed responsibility according to AsiaNews, DefenceReport; did not claim it according to Abdul Sayed, taz\.$/,
    );
    expect(claims[3]?.statements).toContain("crocus-city-hall-2024-perp-ukraine");
    // Claimed and not claimed cannot both be right; an allegation beside a claim can.
    expect(claims.map((i) => i.disputed)).toEqual([true, true, true, false]);
  });

  it("answers empty input with help", async () => {
    expect((await ok("   ")).answer.kind).toBe("help");
    // Every command, and the word "more".
    expect((await ok("help")).answer.sections[0]?.items).toHaveLength(commands.length + 1);
  });

  it("explains one command", async () => {
    expect((await ok("help figure")).answer.fields[0]?.value).toBe("figure <topic>");
  });
});

describe("bad input", () => {
  it("reads a first word one typo from a command as that command, and says so", async () => {
    const reply = await ok("atack crocus");
    expect(reply.command).toBe("attack");
    expect(reply.answer.title).toMatch(/Crocus/);
    expect(reply.answer.fields[0]).toMatchObject({
      label: "Read as",
      value: 'Read "atack" as "attack".',
    });
    const missing = await failure("figur nothing-like-this");
    expect(missing.error.message).toMatch(/^Read "figur" as "figure"\./);
  });

  it("asks text that starts with no command as a question", async () => {
    const reply = await ok("how many people died in the crocus attack?");
    expect(reply.command).toBe("ask");
    expect(reply.answer.kind).toBe("figure");
    expect(reply.answer.fields[0]?.label).toBe("Answered as");
  });

  it("names a command it does not have when a platform asks for one by name", async () => {
    const reply = await withOptions("atack", { query: "crocus" });
    expect(reply).toMatchObject({ ok: false, error: { code: "unknown_command" } });
    // The suggestion keeps what was asked, so one click answers it.
    expect(reply.suggestions.map((s) => s.command)).toContain("attack crocus");
  });

  it("refuses input over the limit without looking anything up", async () => {
    const reply = await failure(`actor ${"x".repeat(MAX_INPUT_LENGTH)}`);
    expect(reply.error.code).toBe("too_long");
    expect(reply.command).toBeNull();
    expect(reply.query.length).toBeLessThan(100);
  });

  it("strips control characters before answering", async () => {
    const reply = await ok("actor \u0000is\u200bkp\u0007");
    expect(reply.query).toBe("actor iskp");
  });

  it("answers a command without its argument with its usage and examples, never a validator's words", async () => {
    for (const [text, usage] of [
      ["actor", "actor <name>"],
      ["search", "search <words>"],
      ["digest subscribe", "digest subscribe <schedule> [tz <zone>] [topic <actor or words>]"],
    ] as const) {
      const reply = await failure(text);
      expect(reply.error.usage, text).toBe(usage);
      expect(reply.error.message, text).not.toMatch(/Invalid input|undefined/);
      expect(reply.suggestions.length, text).toBeGreaterThan(0);
      for (const s of reply.suggestions) expect(s.command.startsWith(text), text).toBe(true);
    }
  });

  it("answers a bare name as the thing it names", async () => {
    expect((await ok("crocus")).answer.title).toBe("Crocus City Hall attack");
    expect((await ok("ghafari")).answer.title).toBe("Sanaullah Ghafari");
  });

  it("asks for the missing argument", async () => {
    const reply = await failure("actor");
    expect(reply.error).toMatchObject({ code: "bad_input", path: ["name"], usage: "actor <name>" });
  });

  it("keeps hostile text as data in the reply", async () => {
    const reply = await failure("actor <!channel> @everyone");
    expect(reply.query).toBe("actor <!channel> @everyone");
  });

  it("never throws and always returns a valid reply, whatever is typed", async () => {
    const words = fc.constantFrom(
      ...commands.map((c) => c.name),
      "actor isis",
      "figure",
      "<!here>",
      "@everyone",
      "\u0000",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 600 }),
          fc.array(words).map((w) => w.join(" ")),
          fc.string({ unit: "binary", maxLength: 200 }),
        ),
        async (text) => {
          const reply = await replyTo(text);
          expect(Reply.safeParse(reply).success).toBe(true);
          // A bug is caught and answered as "internal": that must never happen on any input.
          expect(reply.error?.code).not.toBe("internal");
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("typed options (the Discord path)", () => {
  it("answers the same as typed text", async () => {
    expect((await withOptions("figure", { topic: "crocus death toll" })).answer).toEqual(
      (await replyTo("figure crocus death toll")).answer,
    );
  });

  it("refuses an option that is not the command's", async () => {
    const reply = await withOptions("actor", { name: "iskp", extra: "x" });
    expect(reply).toMatchObject({ ok: false, error: { code: "bad_input" } });
  });

  it("refuses an over-long option", async () => {
    const reply = await withOptions("search", { words: "y".repeat(10_000) });
    expect(reply).toMatchObject({ ok: false, error: { code: "bad_input", path: ["words"] } });
  });
});

describe("citations", () => {
  const referenced = (reply: Reply) =>
    reply.ok
      ? new Set([
          ...reply.answer.summaryCites,
          ...reply.answer.fields.flatMap((f) => f.cites),
          ...reply.answer.sections.flatMap((s) => s.items.flatMap((i) => i.cites)),
          ...reply.answer.figures.flatMap((f) => f.values.map((v) => v.cite)),
        ])
      : new Set<number>();

  it("lists exactly the sources its answer points at, numbered from 1, for every actor and attack", async () => {
    const asks = [
      ...corpus.actors.map((a) => `actor ${a.name}`),
      ...corpus.attacks.map((a) => `attack ${a.name}`),
      ...corpus.figures.map((f) => `figure ${f.topics[0]}`),
      "timeline",
      "timeline iskp",
      "disputes",
      "search tajik migrants",
    ];
    for (const text of asks) {
      const reply = await replyTo(text);
      const ids = reply.citations.map((c) => c.id);
      expect(ids, text).toEqual(ids.map((_, i) => i + 1));
      expect(
        [...referenced(reply)].sort((a, b) => a - b),
        text,
      ).toEqual(ids);
    }
  });
});
