import { readFile } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Responder } from "../../../src/commands/responder.ts";
import type { Release } from "../../../src/core/release.ts";
import { REPLY_SCHEMA_FILE, replyJsonSchema } from "../../../src/core/reply/json-schema.ts";
import { AnswerKind, type OkReply, Reply } from "../../../src/core/reply/schema.ts";
import { buildSnapshot } from "../../../src/core/snapshot.ts";
import { readCorpusFiles } from "../../../src/corpus/files.ts";
import { memoryCorpusHistory } from "../../../src/ports/corpus-history.ts";
import { memoryDigestService } from "../../../src/ports/digest-service.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { type Json, validCorpus, withEdit } from "../../support/corpus-edit.ts";
import { replyTo, testCaller, testResponder } from "../../support/responder.ts";

// The committed JSON Schema is the contract clients read: it must say what the zod definitions
// say, and the replies the responder really gives must pass it.

const committed = async () =>
  JSON.parse(await readFile(new URL(`../../../${REPLY_SCHEMA_FILE}`, import.meta.url), "utf8"));

/** Asks that between them answer with every kind, short and full, a question and errors. */
const ASKED = [
  "help",
  "help figure",
  "actor iskp",
  "more actor iskp",
  "ghafari",
  "attack crocus",
  "more attack moscow",
  "figure crocus death toll",
  "figure kandahar",
  "figure isis-k founded",
  "search who leads ISKP",
  "sources",
  "source taz-three-weeks-after",
  "timeline",
  "timeline iskp",
  "timeline events crocus",
  "disputes",
  "disputes claims",
  "digest preview",
  "digest subscribe daily 08:00",
  "digest status",
  "digest list",
  "changes",
  "who leads iskp",
  "how many people died in the crocus attack?",
  "actor talibn",
  "actor",
];

let responder: Responder;
let replies: Map<string, Reply>;
beforeAll(async () => {
  const snapshot = await bundledSnapshot();
  // Two versions, the first without one relation, so `changes` has something to say.
  const files = await readCorpusFiles();
  const v1 = validCorpus(
    withEdit(files, "relations.json", (relations: Json[]) => {
      relations.pop();
    }),
  );
  const release = (seq: number): Release => ({
    seq,
    publishedAt: `2024-04-1${seq}T09:00:00.000Z`,
    by: "desk",
    note: `v${seq}`,
  });
  const history = memoryCorpusHistory([
    { release: release(1), corpus: v1 },
    { release: release(2), corpus: snapshot.corpus },
  ]);
  const current = buildSnapshot(snapshot.corpus, undefined, release(2));
  responder = testResponder(current, memoryDigestService(), Date.now, history);
  replies = new Map();
  for (const text of ASKED) {
    replies.set(text, (await responder.answer({ caller: testCaller(), input: { text } })).reply);
  }
});

describe("the committed JSON Schema", () => {
  it("is the one the zod definitions generate (run `npm run schema` after changing them)", async () => {
    expect(await committed()).toEqual(replyJsonSchema());
  });

  it("passes every real reply, of every kind, and zod's Reply agrees", async () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(await committed());
    const kinds = new Set<string>();
    for (const [text, reply] of replies) {
      expect(validate(reply), `${text}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(
        true,
      );
      expect(Reply.safeParse(reply).success, text).toBe(true);
      if (reply.ok) kinds.add(reply.answer.kind);
    }
    expect([...kinds].sort()).toEqual([...AnswerKind.options].sort());
    expect([...replies.values()].filter((r) => !r.ok).length).toBeGreaterThan(0);
  });

  it("fails a broken reply: a date as words, a toll as text, data of another kind", async () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(await committed());
    const attack = structuredClone(replies.get("attack crocus")) as OkReply;
    expect(validate(attack)).toBe(true);
    const broken = (edit: (data: Json) => void) => {
      const copy = structuredClone(attack);
      edit(copy.answer.data as unknown as Json);
      return copy;
    };
    const cases = [
      broken((d) => {
        ((d.attack as Json).date as Json).value = "22 March 2024";
      }),
      broken((d) => {
        const killed = (d.tolls as Json).killed as { values: Json[] };
        (killed.values[0] as Json).amount = "137";
      }),
      broken((d) => {
        delete (d.attack as Json).status;
      }),
      broken((d) => {
        d.kind = "figure";
      }),
    ];
    for (const reply of cases) {
      expect(validate(reply)).toBe(false);
      expect(Reply.safeParse(reply).success).toBe(false);
    }
    // A well-formed data object of another kind than the answer: only zod's check can see it.
    const figure = replies.get("figure crocus death toll") as OkReply;
    const mismatched = { ...attack, answer: { ...attack.answer, data: figure.answer.data } };
    expect(Reply.safeParse(mismatched).success).toBe(false);
  });
});

describe("data", () => {
  const data = (text: string) => {
    const reply = replies.get(text);
    if (!reply?.ok) throw new Error(`"${text}" failed`);
    return reply.answer.data;
  };

  it("gives an attack's date with its precision, its status, and every toll value as a number", () => {
    const d = data("attack crocus");
    if (d.kind !== "attack") throw new Error(d.kind);
    expect(d.attack.date).toEqual({
      value: "2024-03-22",
      precision: "day",
      qualifier: null,
      estimated: false,
      derived: false,
      label: "22 Mar 2024",
    });
    expect(d.attack.status).toBe("carried-out");
    expect(d.tolls.killed?.values.map((v) => [v.amount, v.qualifier, v.source.articleId])).toEqual(
      expect.arrayContaining([[130, "at least", "defencereport-tajik-threat"]]),
    );
    expect(d.perpetrators.find((p) => p.status === "alleged")?.by.length).toBeGreaterThan(0);
  });

  it("keeps the same data in the short answer as in the full card", () => {
    expect(data("actor iskp")).toEqual(data("more actor iskp"));
  });

  it("gives search passages as offsets into the article's cleaned text", async () => {
    const d = data("search who leads ISKP");
    if (d.kind !== "search") throw new Error(d.kind);
    const reply = replies.get("search who leads ISKP") as OkReply;
    const { corpus } = await bundledSnapshot();
    d.passages.forEach((p, i) => {
      const text = corpus.articleById.get(p.articleId)?.text.slice(p.start, p.end);
      expect(text).toBe(reply.answer.sections[0]?.items[i]?.text);
    });
  });
});

describe("the README's JSON examples", () => {
  /** Whether an example shows the real value, its arrays cut short at most ("…and N more"). */
  const shows = (shown: unknown, real: unknown): boolean => {
    if (Array.isArray(shown)) {
      return (
        Array.isArray(real) &&
        shown.length <= real.length &&
        (shown.length > 0 || real.length === 0) &&
        shown.every((x, i) => shows(x, real[i]))
      );
    }
    if (shown && typeof shown === "object") {
      if (!real || typeof real !== "object") return false;
      const keys = Object.keys(shown);
      return (
        keys.join() === Object.keys(real).join() &&
        keys.every((k) => shows((shown as Json)[k], (real as Json)[k]))
      );
    }
    return shown === real;
  };

  it("are what the bundled corpus answers now", async () => {
    const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
    const examples = [
      ...readme.matchAll(
        /<summary>.*?<code>(.+?)<\/code>.*?<\/summary>\n\n```jsonc\n([\s\S]*?)\n```/g,
      ),
    ];
    expect(examples.length).toBeGreaterThanOrEqual(AnswerKind.options.length);
    let compared = 0;
    for (const [, asked, body] of examples) {
      const shown = JSON.parse((body ?? "").replace(/^\s*\/\/ …and \d+ more$/gm, ""));
      const reply = await replyTo(asked ?? "");
      // Digests and `changes` depend on the day and the store's history, not just the corpus.
      if (!reply.ok || reply.answer.kind === "digest" || reply.answer.kind === "changes") continue;
      const real = reply.understood
        ? { understood: reply.understood, data: reply.answer.data }
        : reply.answer.data;
      expect(shows(shown, real), `${asked}: ${JSON.stringify(real).slice(0, 300)}`).toBe(true);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(AnswerKind.options.length - 2);
  });
});
