import { describe, expect, it } from "vitest";
import { agent, draftIdOf, formFields, testDesk } from "./support.ts";

const ARTICLE = {
  title: "Crocus toll rises to 145",
  outlet: "Test Wire",
  author: "",
  date: "2024-04-10",
  precision: "day",
  language: "en",
  translatedFrom: "",
  url: "https://example.org/crocus",
  id: "",
  reason: "",
  residue: "",
  text: "MOSCOW (Test Wire) - The death toll from the Crocus City Hall attack rose to 145 people, officials said on Wednesday.\nListen to article\n",
};

async function signedInWithDraft(role: "ana" | "ed" = "ana") {
  const desk = await testDesk();
  const a = agent(desk.app);
  await a.signIn(role);
  await a.get("/");
  const res = await a.post("/drafts", { name: "Crocus update" });
  return { ...desk, a, draft: draftIdOf(res.headers.location) };
}

describe("desk: sessions and sign-in", () => {
  it("sends a page without a session to the sign-in page", async () => {
    const { app } = await testDesk();
    for (const url of ["/", "/versions", "/drafts/x"]) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/sign-in");
    }
    const post = await app.inject({ method: "POST", url: "/drafts" });
    expect(post.statusCode).not.toBe(200);
  });

  it("signs in with an httpOnly, SameSite session cookie, and out again", async () => {
    const { app } = await testDesk();
    const a = agent(app);
    const res = await a.signIn("ana");
    expect(res.statusCode).toBe(303);
    const session = res.cookies.find((c) => c.name === "desk_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(session?.secure).toBeFalsy();
    expect((await a.get("/")).body).toContain("ana (curator)");
    await a.post("/sign-out", {});
    expect((await a.get("/")).headers.location).toBe("/sign-in");
  });

  it("marks the session cookie Secure over HTTPS", async () => {
    const { app } = await testDesk();
    const page = await app.inject({ url: "/sign-in", headers: { "x-forwarded-proto": "https" } });
    // trustProxy is off, so a header alone does not make a request HTTPS.
    expect(page.cookies.find((c) => c.name === "_csrf")?.secure).toBeFalsy();
  });

  it("refuses a wrong password, and slows down after five", async () => {
    const { app } = await testDesk();
    const a = agent(app);
    for (let i = 0; i < 5; i++) {
      const res = await a.signIn("ana", "wrong password");
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain("do not match");
    }
    const slowed = await a.signIn("ana");
    expect(slowed.statusCode).toBe(429);
    expect(slowed.headers["retry-after"]).toMatch(/^\d+$/);
    expect(slowed.body).toContain("Too many failed sign-ins");
  });

  it("expires sessions", async () => {
    let clock = Date.now();
    const { memoryDeskStore } = await import("../../src/ports/memory-desk-store.ts");
    const store = memoryDeskStore();
    const { buildDesk } = await import("../../src/desk/server.ts");
    const { app: plain, corpus } = await testDesk({ desk: store });
    await plain.close();
    const { pino } = await import("pino");
    const app = await buildDesk({
      corpus,
      desk: store,
      logger: pino({ level: "silent" }),
      sessionHours: 1,
      now: () => new Date(clock),
    });
    const a = agent(app);
    await a.signIn("ana");
    expect((await a.get("/")).statusCode).toBe(200);
    clock += 2 * 3_600_000;
    expect((await a.get("/")).headers.location).toBe("/sign-in");
  });

  it("never logs a password or its hash", async () => {
    const { app, lines, hash } = await testDesk();
    const a = agent(app);
    await a.signIn("ana", "wrong password");
    await a.signIn("ana");
    await a.get("/");
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join("\n");
    expect(all).not.toContain("correct horse battery");
    expect(all).not.toContain("wrong password");
    expect(all).not.toContain(hash.split("$").at(-1));
  });

  it("sends a CSP allowing only itself and refusing frames", async () => {
    const { app } = await testDesk();
    const res = await app.inject({ url: "/sign-in" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.body).not.toMatch(/<script>|style="|https?:\/\/(?!example)/);
  });
});

describe("desk: CSRF", () => {
  it("refuses a state change without the token, and with a wrong one", async () => {
    const { a } = await signedInWithDraft();
    const none = await a.post("/drafts", { name: "sneaky" }, false);
    expect(none.statusCode).toBe(403);
    expect(none.body).toContain("Reload the page");
    const wrong = await a.post("/drafts", { name: "sneaky", _csrf: "forged" }, false);
    expect(wrong.statusCode).toBe(403);
    expect((await a.get("/")).body).not.toContain("sneaky");
  });

  it("refuses a sign-in without the token", async () => {
    const { app } = await testDesk();
    const res = await app.inject({
      method: "POST",
      url: "/sign-in",
      payload: { name: "ana", password: "x" },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("desk: drafts", () => {
  it("starts a draft from the published version, named and shared", async () => {
    const { app, a, draft } = await signedInWithDraft();
    const page = await a.get(`/drafts/${draft}`);
    expect(page.body).toContain("Based on version 1");
    const other = agent(app);
    await other.signIn("ed");
    expect((await other.get("/")).body).toContain("Crocus update");
  });

  it("tells the second of two people saving one record, and shows the other's change", async () => {
    const { app, a, draft } = await signedInWithDraft();
    const b = agent(app);
    await b.signIn("ed");
    const url = `/drafts/${draft}/records/attacks/crocus-city-hall-2024`;
    const pageA = await a.get(`${url}?view=json`);
    const pageB = await b.get(`${url}?view=json`);
    const beforeOf = (body: string) => /name="before" value="([^"]+)"/.exec(body)?.[1] ?? "";
    const recordOf = (body: string) =>
      JSON.parse(
        (/<textarea id="record"[^>]*>([\s\S]*?)<\/textarea>/.exec(body)?.[1] ?? "")
          .replaceAll("&quot;", '"')
          .replaceAll("&#39;", "'")
          .replaceAll("&lt;", "<")
          .replaceAll("&gt;", ">")
          .replaceAll("&amp;", "&"),
      );
    const mine = { ...recordOf(pageA.body), summary: "Summary by ana." };
    const theirs = { ...recordOf(pageB.body), summary: "Summary by ed." };
    const saveA = await a.post(url, {
      record: JSON.stringify(mine),
      before: beforeOf(pageA.body),
      reason: "clearer",
      intent: "save",
    });
    expect(saveA.statusCode).toBe(303);
    const saveB = await b.post(url, {
      record: JSON.stringify(theirs),
      before: beforeOf(pageB.body),
      reason: "clearer",
      intent: "save",
    });
    expect(saveB.statusCode).toBe(409);
    expect(saveB.body).toContain("ana saved this record while you were editing it");
    expect(saveB.body).toContain("Summary by ana.");
    expect((await a.get(url)).body).toContain("Summary by ana.");
  });

  it("checks a record on save: field messages, and nothing saved", async () => {
    const { a, draft } = await signedInWithDraft();
    const url = `/drafts/${draft}/records/figures/crocus-killed`;
    const page = await a.get(url);
    const before = /name="before" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const bad = {
      id: "crocus-killed",
      measure: "x",
      unit: "parsecs",
      topics: ["crocus"],
      about: { actors: [], attacks: [] },
      values: [
        {
          id: "v1",
          value: 9,
          qualifier: null,
          text: "9",
          citation: { article: "asianews-vilayat-khorasan", quote: "nine words that are nowhere" },
        },
      ],
    };
    const res = await a.post(url, {
      record: JSON.stringify(bad),
      before,
      reason: "test",
      intent: "save",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("unknown unit &quot;parsecs&quot;");
    const quote = await a.post(url, {
      record: JSON.stringify({ ...bad, unit: "people" }),
      before,
      reason: "test",
      intent: "save",
    });
    expect(quote.body).toContain("does not occur verbatim");
    expect((await a.get(url)).body).not.toContain("parsecs");
    const notJson = await a.post(url, { record: "{ nope", before, reason: "x", intent: "save" });
    expect(notJson.body).toContain("not valid JSON");
    const noReason = await a.post(url, {
      record: JSON.stringify({ ...bad, unit: "people" }),
      before,
      reason: "",
      intent: "save",
    });
    expect(noReason.body).toContain("needs a reason");
  });

  it("asks editor aliases for a reason", async () => {
    const { a, draft } = await signedInWithDraft();
    const url = `/drafts/${draft}/records/actors/new`;
    await a.get(url);
    const actor = {
      id: "test-group",
      name: "Test Group",
      aliases: [],
      editorAliases: [{ name: "TG", reason: "" }],
      kind: "armed-group",
      summary: "A group.",
      citations: [{ article: "asianews-vilayat-khorasan", quote: "Vilayat Khorasan" }],
      facts: [],
    };
    const res = await a.post(url, { record: JSON.stringify(actor), before: "", intent: "save" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("editorAliases.0.reason");
  });
});

describe("desk: editing a record by its fields", () => {
  const url = (draft: string) => `/drafts/${draft}/records/figures/crocus-killed`;

  it("saves what the fields say", async () => {
    const { a, draft } = await signedInWithDraft();
    const page = await a.get(url(draft));
    expect(page.body).toContain('<label for="fld-values-0-citation-quote">');
    // Enter in a field submits the form's first button: it saves, not "Add a value".
    const form = page.body.slice(page.body.indexOf(`action="${url(draft)}"`));
    expect(/<button type="submit"[^>]*>/.exec(form)?.[0]).toContain('value="save"');
    const fields = formFields(page.body, url(draft));
    const saved = await a.post(url(draft), {
      ...fields,
      "f.measure": "people killed",
      reason: "the measure is worded as the sources word it",
      intent: "save",
    });
    expect(saved.statusCode).toBe(303);
    const json = await a.get(`${url(draft)}?view=json`);
    expect(json.body).toContain("people killed");
  });

  it("checks as you type: the check endpoint names the field, and saves nothing", async () => {
    const { a, draft } = await signedInWithDraft();
    const page = await a.get(url(draft));
    const fields = formFields(page.body, url(draft));
    const ok = await a.post(`${url(draft)}/check`, fields);
    expect(ok.json()).toEqual({ messages: [] });
    const pathsOf = async (change: Record<string, string>) =>
      (
        (await a.post(`${url(draft)}/check`, { ...fields, ...change })).json() as {
          messages: { path: string }[];
        }
      ).messages.map((m) => m.path);
    // The value's text must then be in its quote too: both fields are named.
    expect(await pathsOf({ "f.values.0.citation.quote": "words that are in no article" })).toEqual(
      expect.arrayContaining(["values.0.citation.quote"]),
    );
    expect(await pathsOf({ "f.values.1.value": "many" })).toEqual(["values.1.value"]);
    expect((await a.get(`${url(draft)}?view=json`)).body).not.toContain("in no article");
    const noToken = await a.post(`${url(draft)}/check`, fields, false);
    expect(noToken.statusCode).toBe(403);
  });

  it("refuses a quote not in its article with a message next to the field, nothing half-saved", async () => {
    const { a, draft } = await signedInWithDraft();
    const page = await a.get(url(draft));
    const fields = formFields(page.body, url(draft));
    const res = await a.post(url(draft), {
      ...fields,
      "f.measure": "changed too",
      "f.values.0.citation.quote": "words that are in no article",
      reason: "test",
      intent: "save",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(
      /id="fld-values-0-citation-quote"[^>]*aria-invalid="true"[\s\S]*?id="fld-values-0-citation-quote-error"[^>]*><li>[^<]*does not occur verbatim/,
    );
    // The form comes back as typed; the draft keeps the record as it was.
    expect(res.body).toContain('value="changed too"');
    expect((await a.get(`${url(draft)}?view=json`)).body).not.toContain("changed too");
  });

  it("adds an editor alias by its fields, and asks it for a reason", async () => {
    const { a, draft } = await signedInWithDraft();
    const actor = `/drafts/${draft}/records/actors/isis-k`;
    const page = await a.get(actor);
    const added = await a.post(actor, {
      ...formFields(page.body, actor),
      intent: "add:editorAliases",
    });
    expect(added.statusCode).toBe(200);
    const fields = formFields(added.body, actor);
    const n = Number(fields["n.editorAliases"]) - 1;
    const res = await a.post(actor, {
      ...fields,
      [`f.editorAliases.${n}.name`]: "Daesh Khorasan branch",
      reason: "an editor alias",
      intent: "save",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(new RegExp(`id="fld-editorAliases-${n}-reason-error"[^>]*><li>`));
  });
});

describe("desk: correction reasons", () => {
  it("puts the reason for revising a published record into its correction field, which the published version carries", async () => {
    const { app, a, draft, corpus } = await signedInWithDraft();
    const url = `/drafts/${draft}/records/relations/sanaullah-ghafari-leader-of-isis-k`;
    const fields = formFields((await a.get(url)).body, url);
    const noReason = await a.post(url, { ...fields, "f.note": "since 2020 (taz)", intent: "save" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toMatch(/id="reason-error"[^>]*>[\s\S]*?needs a reason/);
    const reason = "taz is the source of the date";
    const saved = await a.post(url, {
      ...fields,
      "f.note": "since 2020 (taz)",
      reason,
      intent: "save",
    });
    expect(saved.statusCode).toBe(303);
    expect((await a.get(`${url}?view=json`)).body).toContain(
      `&quot;correction&quot;: &quot;${reason}&quot;`,
    );

    const ed = agent(app);
    await ed.signIn("ed");
    const review = await ed.get(`/drafts/${draft}/review`);
    expect(review.body).toContain(`value="${reason}"`);
    const done = await ed.post(`/drafts/${draft}/publish`, { note: "Ghafari note", reason });
    expect(done.body).toContain("Published version 2");
    const v2 = await corpus.get(2);
    if (!v2.ok) throw new Error(v2.error.message);
    const relations = JSON.parse(v2.value.content.files.json["relations.json"] as string) as {
      id: string;
      correction?: string;
    }[];
    expect(relations.find((r) => r.id === "sanaullah-ghafari-leader-of-isis-k")?.correction).toBe(
      reason,
    );
    expect(v2.value.note).toContain(`Correction: ${reason}`);
  });
});

describe("desk: bringing in an article", () => {
  it("saves raw text and removals, and shows titles and text with HTML as text", async () => {
    const { a, draft } = await signedInWithDraft();
    await a.get(`/drafts/${draft}/article`);
    const evil = {
      ...ARTICLE,
      title: `<script>alert(1)</script> Crocus "toll"`,
      text: `${ARTICLE.text}<img src=x onerror=alert(1)>\n`,
    };
    const preview = await a.post(`/drafts/${draft}/article`, { ...evil, intent: "preview" });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Listen to article</textarea>");
    expect(preview.body).not.toContain("<img src=x");
    expect(preview.body).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const saved = await a.post(`/drafts/${draft}/article`, {
      ...evil,
      residue: "Listen to article",
      intent: "save",
    });
    expect(saved.statusCode).toBe(303);
    const page = await a.get(`/drafts/${draft}`);
    expect(page.body).not.toContain("<script>alert(1)");
    expect(page.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it.each([
    ["an empty article", { text: "  " }, "text", "paste or upload"],
    ["a 5 MB paste", { text: "word ".repeat(1_000_000) }, "text", "an article is at most"],
    ["a date in the future", { date: "2999-01-01" }, "date", "in the future"],
    ["an estimate without a reason", { estimated: "on" }, "reason", "needs a reason"],
    ["residue that is not in the text", { residue: "not in there" }, "residue", "not found"],
  ])(
    "refuses %s with a message next to the field, saving nothing",
    async (_what, change, field, words) => {
      const { a, draft } = await signedInWithDraft();
      await a.get(`/drafts/${draft}/article`);
      const res = await a.post(`/drafts/${draft}/article`, {
        ...ARTICLE,
        ...change,
        intent: "save",
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(new RegExp(`id="f-${field}-error"[^>]*>[\\s\\S]*?${words}`));
      expect((await a.get(`/drafts/${draft}`)).body).not.toContain("Crocus toll rises");
    },
  );
});

describe("desk: review and publish", () => {
  it("lets a curator review but not publish; an editor publishes with a note", async () => {
    const { app, a, draft, corpus } = await signedInWithDraft();
    await a.get(`/drafts/${draft}/article`);
    await a.post(`/drafts/${draft}/article`, {
      ...ARTICLE,
      residue: "Listen to article",
      intent: "save",
    });
    const review = await a.get(`/drafts/${draft}/review`);
    expect(review.body).toContain("Every corpus check passes");
    expect(review.body).toContain("Only editors publish");
    const refused = await a.post(`/drafts/${draft}/publish`, { note: "sneak" });
    expect(refused.statusCode).toBe(403);
    expect(((await corpus.log()) as { value: unknown[] }).value).toHaveLength(1);
    const ed = agent(app);
    await ed.signIn("ed");
    await ed.get(`/drafts/${draft}/review`);
    const noNote = await ed.post(`/drafts/${draft}/publish`, { note: "" });
    expect(noNote.statusCode).toBe(400);
    const done = await ed.post(`/drafts/${draft}/publish`, { note: "Crocus toll update" });
    expect(done.body).toContain("Published version 2");
    const history = await ed.get("/history?record=articles/crocus-toll-rises-to-145");
    expect(history.body).toContain("ana");
  });

  it("brings a stale draft up to date before it can be published", async () => {
    const { app, a, draft, corpus } = await signedInWithDraft("ed");
    const { testDrafts } = await import("../support/drafts.ts");
    await corpus.publish((await testDrafts()).second, {
      parent: 1,
      by: "other",
      note: "meanwhile",
    });
    const review = await a.get(`/drafts/${draft}/review`);
    expect(review.body).toContain("Bring the draft up to date");
    expect(review.body).not.toContain(`action="/drafts/${draft}/publish"`);
    const refused = await a.post(`/drafts/${draft}/publish`, { note: "x" });
    expect(refused.statusCode).toBe(409);
    const updated = await a.post(`/drafts/${draft}/update`, {});
    expect(updated.body).toContain("Brought up to date with version 2");
    expect((await a.get(`/drafts/${draft}`)).body).toContain("Based on version 2");
    void app;
  });

  it("an editor reverts a version, which publishes a new one", async () => {
    const { a, corpus } = await signedInWithDraft("ed");
    const { testDrafts } = await import("../support/drafts.ts");
    await corpus.publish((await testDrafts()).second, {
      parent: 1,
      by: "other",
      note: "meanwhile",
    });
    await a.get("/versions");
    const res = await a.post("/versions/1/revert", { note: "undo" });
    expect(res.body).toContain("Published version 3 with the content of v1");
  });

  it("refuses a curator's revert, and an editor's without a reason", async () => {
    const curator = (await signedInWithDraft("ana")).a;
    await curator.get("/versions");
    const byCurator = await curator.post("/versions/1/revert", { note: "undo" });
    expect(byCurator.statusCode).toBe(403);
    expect(byCurator.body).toContain("Only editors revert.");
    const editor = (await signedInWithDraft("ed")).a;
    await editor.get("/versions");
    const unexplained = await editor.post("/versions/1/revert", { note: "  " });
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.body).toContain("Say why you revert.");
  });
});

describe("desk: suggestions", () => {
  it("accepts the suggested toll into the Crocus figure, refusing a quote not in the text", async () => {
    const { a, draft } = await signedInWithDraft();
    await a.get(`/drafts/${draft}/article`);
    const saved = await a.post(`/drafts/${draft}/article`, {
      ...ARTICLE,
      residue: "Listen to article",
      intent: "save",
    });
    const url = String(saved.headers.location);
    const page = await a.get(url);
    expect(page.body).toContain("crocus-killed");
    const form =
      /joins figure-group <code>crocus-killed<\/code>[\s\S]*?name="suggestion" value="([^"]+)"[\s\S]*?name="quote" value="([^"]+)"/.exec(
        page.body,
      );
    const [, id = "", quote = ""] = form ?? [];
    expect(quote).toContain("145");
    const wrong = await a.post(url, { suggestion: id, quote: "rose to 146 people" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("must occur verbatim");
    const ok = await a.post(url, { suggestion: id, quote });
    expect(ok.body).toContain("Accepted into figures/crocus-killed");
    expect((await a.get(`/drafts/${draft}/review`)).body).toContain("Every corpus check passes");
    const figure = await a.get(`/drafts/${draft}/records/figures/crocus-killed`);
    expect(figure.body).toContain("145");
  });
});

/** A short wire report written for the test: every kind of suggestion comes out of it. */
const KALUGA = {
  ...ARTICLE,
  title: "Kaluga plot arrests",
  url: "",
  text:
    "MOSCOW (Test Wire) - Russian investigators arrested three men in Kaluga on Tuesday over a plot to bomb a synagogue, the FSB said.\n" +
    "The men were linked to ISIS-K, officials said.\n" +
    "Gunmen attacked a police post in Makhachkala on 2 April 2024, killing at least four officers.\n" +
    "A spokesman, Ivan Beloretsky of the Kaluga Regional Committee, said the suspects would appear in court.\n",
};

describe("desk: accepting suggestions of every kind", () => {
  it("creates each record with its quote, the draft passing every corpus check after each", async () => {
    const { a, draft } = await signedInWithDraft();
    await a.get(`/drafts/${draft}/article`);
    const saved = await a.post(`/drafts/${draft}/article`, { ...KALUGA, intent: "save" });
    const url = String(saved.headers.location);
    const page = (await a.get(url)).body;
    const offers = [
      ...page.matchAll(/<li class="suggestion" data-kind="([^"]+)">([\s\S]*?)<\/li>/g),
    ].map((m) => ({
      kind: m[1],
      id: /name="suggestion" value="([^"]+)"/.exec(m[2] ?? "")?.[1],
      quote: /name="quote" value="([^"]*)"/.exec(m[2] ?? "")?.[1],
    }));
    const idOf = (kind: string, quote: string) => {
      const found = offers.find((o) => o.kind === kind && o.quote === quote);
      if (!found?.id) throw new Error(`no ${kind} suggestion quoting ${quote}`);
      return found.id;
    };
    /** Accepts the suggestion of `kind` offering `offered`, quoting `quote` (the curator's selection). */
    const accept = async (
      kind: string,
      offered: string,
      into: string,
      extra = {},
      quote = offered,
    ) => {
      const res = await a.post(url, { suggestion: idOf(kind, offered), quote, ...extra });
      expect(res.body).toContain(`Accepted into ${into}.`);
      expect((await a.get(`/drafts/${draft}/review`)).body).toContain("Every corpus check passes");
      return (await a.get(`/drafts/${draft}/records/${into}?view=json`)).body;
    };

    const known = await accept("actor-mention", "ISIS-K", "actors/isis-k");
    expect(known).toContain("The men were linked to ISIS-K");
    const person = await accept("new-actor", "Ivan Beloretsky", "actors/ivan-beloretsky");
    expect(person).toContain("&quot;name&quot;: &quot;Ivan Beloretsky&quot;");
    expect(person).toContain("&quot;quote&quot;: &quot;A spokesman, Ivan Beloretsky of the");

    /** Accepts a suggestion that adds a new record, whose id the desk names: that record's key. */
    const acceptNew = async (kind: "attacks" | "events", offered: string, quote: string) => {
      const res = await a.post(url, { suggestion: idOf(kind.slice(0, -1), offered), quote });
      const key = new RegExp(`Accepted into (${kind}/[a-z0-9-]+)\\.`).exec(res.body)?.[1] ?? "";
      expect(key).not.toBe("");
      expect((await a.get(`/drafts/${draft}/records/${key}?view=json`)).body).toContain(
        `&quot;quote&quot;: &quot;${quote}&quot;`,
      );
      expect((await a.get(`/drafts/${draft}/review`)).body).toContain("Every corpus check passes");
      return key;
    };
    const attackKey = await acceptNew(
      "attacks",
      "Gunmen attacked a police post in Makhachkala on 2 April 2024, killing at least four officers.",
      "Gunmen attacked a police post in Makhachkala on 2 April 2024",
    );
    const eventKey = await acceptNew(
      "events",
      "MOSCOW (Test Wire) - Russian investigators arrested three men in Kaluga on Tuesday over a plot to bomb a synagogue, the FSB said.",
      "Russian investigators arrested three men in Kaluga on Tuesday",
    );

    // A date fills the date of the record it belongs to, offered first among those citing the article.
    const offered = (await a.get(url)).body;
    expect(offered).toMatch(
      new RegExp(`<optgroup label="Citing this article">[^]*?value="${eventKey}"`),
    );
    const noTarget = await a.post(url, {
      suggestion: idOf("date", "on Tuesday"),
      quote: "on Tuesday",
    });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.body).toContain("choose the attack or event");
    const relative = await accept("date", "on Tuesday", eventKey, { target: eventKey });
    expect(relative).toMatch(
      /&quot;date&quot;: \{[^}]*&quot;value&quot;: &quot;2024-04-09&quot;[^}]*&quot;derivedFrom&quot;: &quot;on Tuesday&quot;/,
    );
    const stated = await accept(
      "date",
      "on 2 April 2024",
      attackKey,
      { target: attackKey },
      "2 April 2024",
    );
    expect(stated).toMatch(/&quot;date&quot;: \{[^}]*&quot;words&quot;: &quot;2 April 2024&quot;/);
  }, 90_000);
});
