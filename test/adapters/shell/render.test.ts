import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { shellAdapter } from "../../../src/adapters/shell/adapter.ts";
import { PLAIN, render } from "../../../src/adapters/shell/render.ts";
import { runShell } from "../../../src/adapters/shell/shell.ts";
import type { Corpus } from "../../../src/core/corpus/types.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { replyTo, testResponder } from "../../support/responder.ts";

let snapshot: CorpusSnapshot;
let corpus: Corpus;
beforeAll(async () => {
  snapshot = await bundledSnapshot();
  corpus = snapshot.corpus;
});

describe("plain-text rendering", () => {
  it("shows every value of a disputed figure with its outlet, and the quotes", async () => {
    const reply = await replyTo("figure kerman death toll");
    const text = render(reply);
    expect(text).toContain("DISPUTED");
    expect(text).toMatch(/- 95 dead: taz \(die tageszeitung\) \[\d+\]/);
    expect(text).toMatch(/- over one hundred: AsiaNews \[\d+\]/);
    for (const c of reply.citations) expect(text).toContain(c.quote);
    expect(text).toContain(`(corpus ${corpus.version})`);
  });

  it("shows compatible values side by side, saying so, without DISPUTED", async () => {
    const text = render(await replyTo("more disputes"));
    const crocus = text.slice(text.indexOf("People killed in the Crocus"));
    expect(crocus.split("\n")[0]).not.toContain("DISPUTED");
    expect(crocus.split("\n")[1]).toMatch(/Compatible: .*137 people fits every statement/);
  });

  it("marks search hits", async () => {
    expect(render(await replyTo("search diaspora"), {}, PLAIN)).toContain("*diaspora*");
  });

  it("renders an error with its code, usage and suggestions", async () => {
    const text = render(await replyTo("actor talibn"));
    expect(text).toMatch(/No actor matches "talibn"\. Did you mean .*Taliban.*\(not_found\)/);
    expect(text).toMatch(/Try: actor /);
  });

  it("says how many items it left out", async () => {
    const reply = await replyTo("help");
    if (!reply.ok) throw new Error("help failed");
    const [first] = reply.answer.sections;
    if (!first) throw new Error("help has no section");
    const text = render({
      ...reply,
      answer: { ...reply.answer, sections: [{ ...first, omitted: 4 }] },
    });
    expect(text).toContain("…and 4 more");
  });
});

describe("shell", () => {
  it("answers each line until exit", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let seen = "";
    output.on("data", (chunk) => {
      seen += chunk;
    });
    const done = runShell(testResponder(snapshot), snapshot, input, output);
    input.write("actor rahmon\n");
    input.write("figure tajiks in russia\n");
    input.write("exit\n");
    await done;
    expect(seen).toContain("Emomali Rahmon");
    expect(seen).toMatch(/Tajiks[\s\S]*DISPUTED/);
  });

  it("posts to a channel as text through the shared adapter interface", async () => {
    const out = new PassThrough();
    const adapter = shellAdapter(out);
    const result = await adapter.post(
      { platform: "shell", workspaceId: "local", channelId: "desk" },
      await replyTo("disputes"),
    );
    expect(result).toEqual({ ok: true, value: { messageId: "shell-1" } });
    expect(String(out.read())).toMatch(/^# desk\n[\s\S]*Figures the sources disagree on/);
  });
});
