import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { z } from "zod";
import { corpusChanges } from "../core/changes.ts";
import type { FuzzyDate } from "../core/corpus/schema.ts";
import type { Corpus, LoadedArticle } from "../core/corpus/types.ts";
import { validateCorpus } from "../core/corpus/validate.ts";
import { buildSnapshot } from "../core/snapshot.ts";
import { type Suggestion, suggestArticle } from "../core/suggest/suggest.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { Account, DeskDraft, DeskStore, HistoryEntry, Stored } from "../ports/desk-store.ts";
import { prepareDraft } from "../store/draft.ts";
import { revertTo } from "../store/revert.ts";
import { ArticleForm, articleFromForm, suggestResidue } from "./articles.ts";
import type { Html } from "./html.ts";
import { type SignInLimiter, signInLimiter } from "./limiter.ts";
import { mergeDraft } from "./merge.ts";
import { DUMMY_HASH, verifyPassword } from "./passwords.ts";
import {
  checkRecord,
  type DraftFiles,
  type FieldMessage,
  filesOf,
  fingerprint,
  isKind,
  KINDS,
  type Kind,
  type RecordJson,
  recordKey,
  recordOf,
  recordsOf,
  withRecord,
} from "./records.ts";
import * as view from "./views.ts";
import { notice, type PageContext } from "./views.ts";

export interface DeskOptions {
  corpus: CorpusStore;
  desk: DeskStore;
  logger: Logger;
  sessionHours: number;
  now?: () => Date;
  limiter?: SignInLimiter;
}

const SESSION_COOKIE = "desk_session";
/** Body limit: above the article limit, so a huge paste gets its message next to the field. */
const BODY_LIMIT = 8 * 1024 * 1024;
const STATIC = new URL("./static/", import.meta.url);
const ASSETS: Record<string, { type: string; body: Buffer }> = {
  "desk.css": { type: "text/css; charset=utf-8", body: readFileSync(new URL("desk.css", STATIC)) },
  "desk.js": {
    type: "text/javascript; charset=utf-8",
    body: readFileSync(new URL("desk.js", STATIC)),
  },
};

const Form = z.record(z.string(), z.string());
const form = (req: FastifyRequest) => {
  const parsed = Form.safeParse(req.body ?? {});
  return parsed.success ? parsed.data : {};
};
const parseRecord = (
  text: string,
): { ok: true; value: RecordJson } | { ok: false; message: string } => {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return { ok: false, message: "a record is a JSON object: { … }" };
    if (typeof (value as { id?: unknown }).id !== "string")
      return { ok: false, message: 'a record needs an "id"' };
    return { ok: true, value: value as RecordJson };
  } catch (err) {
    return { ok: false, message: `not valid JSON: ${(err as Error).message.split("\n")[0]}` };
  }
};

declare module "fastify" {
  interface FastifyRequest {
    account: Account | null;
    sessionId: string | null;
  }
}

export async function buildDesk(options: DeskOptions) {
  const { corpus: store, desk } = options;
  const now = options.now ?? (() => new Date());
  const limiter = options.limiter ?? signInLimiter();
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    hsts: false,
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(csrf, {
    cookieOpts: { httpOnly: true, sameSite: "strict", path: "/", signed: false },
  });
  await app.register(rateLimit, { global: false });

  const secure = (req: FastifyRequest) => req.protocol === "https";
  const ctxOf = (req: FastifyRequest, reply: FastifyReply): PageContext => ({
    user: req.account,
    csrf: reply.generateCsrf({ secure: secure(req) }),
  });
  const send = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .code(status)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(body);
  const missing = (req: FastifyRequest, reply: FastifyReply, text: string) =>
    send(reply, view.errorPage(ctxOf(req, reply), "Not found", text), 404);
  const seeOther = (reply: FastifyReply, to: string) => reply.code(303).redirect(to);
  const record = (entry: Omit<HistoryEntry, "at" | "note"> & { note?: string }) =>
    desk.record({ note: "", ...entry, at: now().toISOString() });

  app.decorateRequest("account", null);
  app.decorateRequest("sessionId", null);

  // Every state change carries the CSRF token, the sign-in form too.
  app.addHook("preHandler", (req, reply, done) => {
    if (req.method === "GET" || req.method === "HEAD") return done();
    app.csrfProtection(req, reply, done);
  });
  app.addHook("preHandler", async (req, reply) => {
    const path = req.url.split("?")[0] ?? "";
    if (path === "/sign-in" || path.startsWith("/static/")) return;
    const id = req.cookies[SESSION_COOKIE];
    const session = id ? await desk.session(id, now()) : null;
    const account = session ? await desk.account(session.account) : null;
    if (!session || !account) {
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return seeOther(reply, "/sign-in");
    }
    req.account = account;
    req.sessionId = session.id;
  });

  app.setErrorHandler((err: { statusCode?: number; code?: string }, req, reply) => {
    const ctx = { user: req.account, csrf: "" };
    if (err.code === "FST_CSRF_INVALID_TOKEN" || err.code === "FST_CSRF_MISSING_SECRET") {
      return send(
        reply,
        view.errorPage(
          ctx,
          "Refused",
          "This form had expired or did not come from the desk. Reload the page and try again.",
        ),
        403,
      );
    }
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return send(
        reply,
        view.errorPage(ctx, "Too large", "That is more than the desk takes in one form (8 MB)."),
        413,
      );
    }
    if (err.statusCode === 429) {
      return send(
        reply,
        view.errorPage(
          ctx,
          "Slow down",
          "Too many attempts from this address; wait a minute and try again.",
        ),
        429,
      );
    }
    req.log.error({ err }, "desk request failed");
    return send(
      reply,
      view.errorPage(
        ctx,
        "Something went wrong",
        "The desk could not do that. Nothing was saved; try again, and tell an administrator if it persists.",
      ),
      500,
    );
  });
  app.setNotFoundHandler((req, reply) =>
    send(
      reply,
      view.errorPage({ user: req.account, csrf: "" }, "Not found", "There is no such page."),
      404,
    ),
  );

  app.get("/static/:name", (req, reply) => {
    const asset = ASSETS[(req.params as { name: string }).name];
    if (!asset) return reply.code(404).send();
    return reply.type(asset.type).header("cache-control", "max-age=300").send(asset.body);
  });

  // --- signing in ---

  app.get("/sign-in", (req, reply) => send(reply, view.signInPage(ctxOf(req, reply), null)));
  app.post(
    "/sign-in",
    { config: { rateLimit: { max: 60, timeWindow: "1 minute" } } },
    async (req, reply) => {
      const { name = "", password = "" } = form(req);
      const keys = [`account:${name.toLowerCase()}`, `address:${req.ip}`];
      const wait = limiter.wait(keys, now().getTime());
      if (wait > 0) {
        reply.header("retry-after", String(wait));
        return send(
          reply,
          view.signInPage(
            ctxOf(req, reply),
            `Too many failed sign-ins. Try again in ${wait} seconds.`,
            name,
          ),
          429,
        );
      }
      const account = await desk.account(name.toLowerCase());
      const good = await verifyPassword(password, account?.hash ?? DUMMY_HASH);
      if (!account || !good) {
        limiter.failed(keys, now().getTime());
        req.log.info({ account: name.slice(0, 40) }, "desk sign-in refused");
        return send(
          reply,
          view.signInPage(ctxOf(req, reply), "That account and password do not match.", name),
          401,
        );
      }
      limiter.succeeded(keys[0] as string);
      const id = randomBytes(32).toString("hex");
      const expiresAt = new Date(now().getTime() + options.sessionHours * 3_600_000);
      await desk.putSession({ id, account: account.name, expiresAt: expiresAt.toISOString() });
      req.log.info({ account: account.name }, "desk sign-in");
      reply.setCookie(SESSION_COOKIE, id, {
        httpOnly: true,
        sameSite: "strict",
        secure: secure(req),
        path: "/",
        expires: expiresAt,
      });
      return seeOther(reply, "/");
    },
  );
  app.post("/sign-out", async (req, reply) => {
    if (req.sessionId) await desk.removeSession(req.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return seeOther(reply, "/sign-in");
  });

  // --- the published version ---

  let cached: { seq: number; files: DraftFiles; corpus: Corpus } | null = null;
  const published = async () => {
    const current = await store.current();
    if (!current.ok) throw new Error(current.error.message);
    if (!current.value) return null;
    if (cached?.seq !== current.value.seq) {
      const files = current.value.content.files;
      const checked = validateCorpus(files);
      if (!checked.ok) throw new Error(`version ${current.value.seq} does not load`);
      cached = { seq: current.value.seq, files, corpus: checked.value.corpus };
    }
    return cached;
  };
  const filesAt = async (seq: number | null): Promise<DraftFiles> => {
    if (seq === null) return { json: {}, texts: {} };
    const version = await store.get(seq);
    if (!version.ok) throw new Error(version.error.message);
    return version.value.content.files;
  };

  // --- drafts ---

  const loadDraft = async (req: FastifyRequest, reply: FastifyReply) => {
    const draft = await desk.draft((req.params as { draft: string }).draft);
    if (!draft) missing(req, reply, "There is no such draft.");
    return draft;
  };
  /** Saves the draft's new files, re-reading and retrying if another save came in between. */
  const saveFiles = async (
    draft: Stored<DeskDraft>,
    change: (d: DeskDraft) => DeskDraft,
    by: string,
  ) => {
    const saved = await desk.saveDraft(
      { ...change(draft.value), updatedAt: now().toISOString(), updatedBy: by },
      draft.rev,
    );
    return saved;
  };

  app.get("/", async (req, reply) => {
    const current = await published();
    return send(
      reply,
      view.homePage(
        ctxOf(req, reply),
        await desk.drafts(),
        current ? await infoOf(current.seq) : null,
      ),
    );
  });
  const infoOf = async (seq: number) => {
    const v = await store.get(seq);
    if (!v.ok) throw new Error(v.error.message);
    const { content: _, ...info } = v.value;
    return info;
  };

  app.post("/drafts", async (req, reply) => {
    const user = req.account as Account;
    const name = (form(req).name ?? "").trim().slice(0, 120);
    const current = await published();
    if (!name) {
      return send(
        reply,
        view.homePage(
          ctxOf(req, reply),
          await desk.drafts(),
          null,
          notice("Give the draft a name.", "error"),
        ),
        400,
      );
    }
    const base = `${
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 40) || "draft"
    }`;
    const id = `${base}-${randomBytes(3).toString("hex")}`;
    const draft: DeskDraft = {
      id,
      name,
      base: current?.seq ?? null,
      files: current?.files ?? { json: {}, texts: {} },
      reasons: {},
      createdBy: user.name,
      updatedAt: now().toISOString(),
      updatedBy: user.name,
    };
    const saved = await desk.saveDraft(draft, 0);
    if (!saved.ok)
      return send(reply, view.errorPage(ctxOf(req, reply), "Not saved", saved.error.message), 409);
    await record({
      by: user.name,
      action: "draft",
      draft: id,
      record: null,
      version: null,
      before: null,
      after: { name },
    });
    return seeOther(reply, `/drafts/${id}`);
  });

  const draftView = async (
    req: FastifyRequest,
    reply: FastifyReply,
    draft: Stored<DeskDraft>,
    message: Html | string = "",
    status = 200,
  ) => {
    const records = Object.fromEntries(
      (Object.keys(KINDS) as Kind[]).map((k) => [k, recordsOf(draft.value.files, k)]),
    ) as Record<Kind, RecordJson[]>;
    const current = await published();
    return send(
      reply,
      view.draftPage(ctxOf(req, reply), draft, current?.seq ?? null, records, message),
      status,
    );
  };

  app.get("/drafts/:draft", async (req, reply) => {
    const draft = await loadDraft(req, reply);
    if (draft) return draftView(req, reply, draft);
  });

  // --- records ---

  const isPublished = async (kind: Kind, id: string) => {
    const current = await published();
    return current !== null && recordOf(current.files, kind, id) !== null;
  };

  app.get("/drafts/:draft/records/:kind/:id", async (req, reply) => {
    const draft = await loadDraft(req, reply);
    if (!draft) return;
    const { kind, id } = req.params as { kind: string; id: string };
    if (!isKind(kind)) return missing(req, reply, "There is no such kind of record.");
    const existing = id === "new" ? null : recordOf(draft.value.files, kind, id);
    if (id !== "new" && !existing)
      return missing(req, reply, `There is no ${kind} record ${id} in this draft.`);
    return send(
      reply,
      view.recordPage(ctxOf(req, reply), {
        draftId: draft.value.id,
        kind,
        id,
        text: JSON.stringify(existing ?? { id: "" }, null, 2),
        before: fingerprint(existing),
        published: id !== "new" && (await isPublished(kind, id)),
        reason: draft.value.reasons[recordKey(kind, id)] ?? "",
        messages: [],
        conflict: null,
      }),
    );
  });

  app.post("/drafts/:draft/records/:kind/:id", async (req, reply) => {
    const user = req.account as Account;
    const draft = await loadDraft(req, reply);
    if (!draft) return;
    const { kind, id } = req.params as { kind: string; id: string };
    if (!isKind(kind)) return missing(req, reply, "There is no such kind of record.");
    const body = form(req);
    const text = body.record ?? "";
    const reason = (body.reason ?? "").trim();
    const withdraw = body.intent === "withdraw";
    const wasPublished = id !== "new" && (await isPublished(kind, id));
    const again = (
      messages: FieldMessage[],
      conflict: view.RecordPageInput["conflict"] = null,
      before = body.before ?? "",
      status = 400,
    ) =>
      send(
        reply,
        view.recordPage(ctxOf(req, reply), {
          draftId: draft.value.id,
          kind,
          id,
          text,
          before,
          published: wasPublished,
          reason,
          messages,
          conflict,
        }),
        status,
      );
    const parsed = withdraw ? null : parseRecord(text);
    if (parsed && !parsed.ok) return again([{ path: "", message: parsed.message }]);
    const value = parsed?.value ?? null;
    const targetId = id === "new" ? (value?.id ?? "") : id;
    if (value && id !== "new" && value.id !== id)
      return again([
        {
          path: "id",
          message: `the id is ${id}; to rename a record, withdraw it and add a new one`,
        },
      ]);
    if (id === "new" && value && recordOf(draft.value.files, kind, value.id))
      return again([{ path: "id", message: `a ${kind} record ${value.id} exists already` }]);
    if (wasPublished && reason === "")
      return again([
        {
          path: "reason",
          message:
            "revising or withdrawing a published record needs a reason: channels are told it",
        },
      ]);
    // Someone else saved this record since it was loaded: show theirs, never overwrite it.
    const theirs = recordOf(draft.value.files, kind, targetId);
    if (id !== "new" && fingerprint(theirs) !== body.before) {
      const last = (await desk.history({ record: recordKey(kind, id), draft: draft.value.id }))[0];
      return again([], { theirs, by: last?.by ?? "someone" }, fingerprint(theirs), 409);
    }
    let files: DraftFiles;
    if (value) {
      const checked = checkRecord(draft.value.files, kind, targetId, value);
      if (checked.messages.length > 0) return again(checked.messages);
      files = checked.files;
    } else {
      files = withRecord(draft.value.files, kind, id, null);
      if (kind === "articles")
        files = {
          json: files.json,
          texts: Object.fromEntries(Object.entries(files.texts).filter(([k]) => k !== id)),
        };
    }
    const key = recordKey(kind, targetId);
    const saved = await saveFiles(
      draft,
      (d) => ({ ...d, files, reasons: wasPublished ? { ...d.reasons, [key]: reason } : d.reasons }),
      user.name,
    );
    if (!saved.ok) {
      const fresh = await desk.draft(draft.value.id);
      const now = fresh ? recordOf(fresh.value.files, kind, targetId) : null;
      return again(
        [],
        { theirs: now, by: fresh?.value.updatedBy ?? "someone" },
        fingerprint(now),
        409,
      );
    }
    await record({
      by: user.name,
      action: withdraw ? "withdraw" : "save",
      draft: draft.value.id,
      record: key,
      version: null,
      before: theirs,
      after: value,
      note: reason,
    });
    return seeOther(reply, `/drafts/${draft.value.id}`);
  });

  // --- bringing in an article ---

  app.get("/drafts/:draft/article", async (req, reply) => {
    const draft = await loadDraft(req, reply);
    if (!draft) return;
    return send(
      reply,
      view.articlePage(ctxOf(req, reply), draft.value.id, ArticleForm.parse({}), [], null),
    );
  });

  app.post("/drafts/:draft/article", async (req, reply) => {
    const user = req.account as Account;
    const draft = await loadDraft(req, reply);
    if (!draft) return;
    const input = ArticleForm.parse(form(req));
    if (input.intent === "preview" && input.residue.trim() === "") {
      input.residue = suggestResidue(input.text)
        .map((r) => (r.kind === "exact" ? r.text : `tail: ${r.from}`))
        .join("\n");
    }
    const taken = new Set(recordsOf(draft.value.files, "articles").map((a) => a.id));
    const made = articleFromForm(input, {
      today: now().toISOString().slice(0, 10),
      taken,
      by: user.name,
    });
    if (!made.ok)
      return send(
        reply,
        view.articlePage(ctxOf(req, reply), draft.value.id, input, made.messages, null),
        400,
      );
    if (input.intent === "preview")
      return send(
        reply,
        view.articlePage(ctxOf(req, reply), draft.value.id, input, [], made.value.cleaned),
      );
    const { article, raw } = made.value;
    const files = withRecord(
      { json: draft.value.files.json, texts: { ...draft.value.files.texts, [article.id]: raw } },
      "articles",
      article.id,
      article as unknown as RecordJson,
    );
    const checked = validateCorpus(filesOf(files));
    const mine = checked.ok ? [] : checked.error.filter((p) => p.record === article.id);
    if (mine.length > 0) {
      return send(
        reply,
        view.articlePage(
          ctxOf(req, reply),
          draft.value.id,
          input,
          mine.map((p) => ({ path: p.path.split(".")[0] ?? "", message: p.message })),
          null,
        ),
        400,
      );
    }
    const saved = await saveFiles(
      draft,
      (d) => ({
        ...d,
        files: { json: files.json, texts: { ...d.files.texts, [article.id]: raw } },
      }),
      user.name,
    );
    if (!saved.ok)
      return send(
        reply,
        view.articlePage(
          ctxOf(req, reply),
          draft.value.id,
          input,
          [{ path: "text", message: `${saved.error.message}; save again` }],
          null,
        ),
        409,
      );
    await record({
      by: user.name,
      action: "article",
      draft: draft.value.id,
      record: recordKey("articles", article.id),
      version: null,
      before: null,
      after: article,
    });
    return seeOther(reply, `/drafts/${draft.value.id}/articles/${article.id}/suggestions`);
  });

  // --- suggestions ---

  const draftArticle = (draft: Stored<DeskDraft>, id: string) => {
    const checked = validateCorpus(filesOf(draft.value.files));
    if (!checked.ok) return { corpus: null, article: null } as const;
    return {
      corpus: checked.value.corpus,
      article: checked.value.corpus.articleById.get(id) ?? null,
    } as const;
  };
  const suggestFor = (corpus: Corpus, article: LoadedArticle) => {
    // The context is the corpus as it was before this article came in.
    const articles = corpus.articles.filter((a) => a.id !== article.id);
    const before = { ...corpus, articles, articleById: new Map(articles.map((a) => [a.id, a])) };
    return suggestArticle(buildSnapshot(before), article);
  };

  app.get("/drafts/:draft/articles/:article/suggestions", async (req, reply) => {
    const draft = await loadDraft(req, reply);
    if (!draft) return;
    const { corpus, article } = draftArticle(draft, (req.params as { article: string }).article);
    if (!corpus || !article)
      return send(
        reply,
        view.errorPage(
          ctxOf(req, reply),
          "Not available",
          "The article is not in this draft, or the draft does not pass its checks; see Review.",
        ),
        404,
      );
    return send(
      reply,
      view.suggestionsPage(ctxOf(req, reply), draft.value.id, article, suggestFor(corpus, article)),
    );
  });

  app.post("/drafts/:draft/articles/:article/suggestions", async (req, reply) => {
    const user = req.account as Account;
    const draft = await loadDraft(req, reply);
    if (!draft) return;
    const { corpus, article } = draftArticle(draft, (req.params as { article: string }).article);
    if (!corpus || !article)
      return send(
        reply,
        view.errorPage(ctxOf(req, reply), "Not available", "The article is not in this draft."),
        404,
      );
    const suggestions = suggestFor(corpus, article);
    const body = form(req);
    const chosen = suggestions.find((s) => s.id === body.suggestion);
    const quote = (body.quote ?? "").trim();
    const show = (message: Html, status = 200, messages: FieldMessage[] = []) =>
      send(
        reply,
        view.suggestionsPage(
          ctxOf(req, reply),
          draft.value.id,
          article,
          suggestions,
          message,
          messages,
          chosen?.id ?? null,
        ),
        status,
      );
    const again = (message: string, path = "quote") =>
      show(notice("Not accepted: see the marked field.", "error"), 400, [{ path, message }]);
    if (!chosen) return show(notice("That suggestion is no longer offered.", "error"), 409);
    if (quote.length < 3) return again("a quote has at least 3 characters");
    if (!article.text.includes(quote))
      return again("the quote must occur verbatim in the cleaned text: select it there");
    const asOf = asOfFrom(body.asOf ?? "", article.published.value, now());
    if (chosen.kind === "figure-value" && !asOf.ok) return again(asOf.message, "asOf");
    const placed = placeSuggestion(
      draft.value.files,
      chosen,
      quote,
      asOf.ok ? asOf.value : undefined,
    );
    if (!placed.ok) return again(placed.message);
    const checked = checkRecord(draft.value.files, placed.kind, placed.record.id, placed.record);
    if (checked.messages.length > 0)
      return again(
        checked.messages.map((m) => `${m.path ? `${m.path}: ` : ""}${m.message}`).join("; "),
      );
    const saved = await saveFiles(draft, (d) => ({ ...d, files: checked.files }), user.name);
    if (!saved.ok) return again(`${saved.error.message}; accept again`);
    const key = recordKey(placed.kind, placed.record.id);
    await record({
      by: user.name,
      action: "accept",
      draft: draft.value.id,
      record: key,
      version: null,
      before: placed.before,
      after: placed.record,
      note: `${chosen.kind} from ${article.id}`,
    });
    return show(notice(`Accepted into ${key}.`));
  });

  // --- review, bringing up to date, publishing ---

  const review = async (
    req: FastifyRequest,
    reply: FastifyReply,
    draft: Stored<DeskDraft>,
    extra: Partial<view.ReviewInput> = {},
    status = 200,
  ) => {
    const current = await published();
    const checked = validateCorpus(filesOf(draft.value.files));
    const changes =
      checked.ok && current ? corpusChanges(current.corpus, checked.value.corpus) : null;
    return send(
      reply,
      view.reviewPage(ctxOf(req, reply), {
        draft,
        currentSeq: current?.seq ?? null,
        problems: checked.ok ? [] : checked.error,
        changes,
        conflicts: [],
        message: "",
        note: "",
        reason: "",
        messages: [],
        ...extra,
      }),
      status,
    );
  };

  app.get("/drafts/:draft/review", async (req, reply) => {
    const draft = await loadDraft(req, reply);
    if (draft) return review(req, reply, draft);
  });

  app.post("/drafts/:draft/update", async (req, reply) => {
    const user = req.account as Account;
    const draft = await loadDraft(req, reply);
    if (!draft) return;
    const current = await published();
    if (!current || current.seq === draft.value.base)
      return seeOther(reply, `/drafts/${draft.value.id}/review`);
    const merged = mergeDraft(await filesAt(draft.value.base), draft.value.files, current.files);
    const saved = await saveFiles(
      draft,
      (d) => ({ ...d, base: current.seq, files: merged.files }),
      user.name,
    );
    if (!saved.ok)
      return review(
        req,
        reply,
        draft,
        { message: notice(`${saved.error.message}; try again`, "error") },
        409,
      );
    await record({
      by: user.name,
      action: "merge",
      draft: draft.value.id,
      record: null,
      version: current.seq,
      before: { base: draft.value.base },
      after: { base: current.seq },
      note: `${merged.conflicts.length} conflict(s)`,
    });
    const message =
      merged.conflicts.length > 0
        ? notice(
            `Brought up to date with version ${current.seq}; ${merged.conflicts.length} record(s) conflict.`,
            "error",
          )
        : notice(`Brought up to date with version ${current.seq}.`);
    return review(req, reply, saved.value, { conflicts: merged.conflicts, message });
  });

  app.post("/drafts/:draft/publish", async (req, reply) => {
    const user = req.account as Account;
    const draft = await loadDraft(req, reply);
    if (!draft) return;
    if (user.role !== "editor") {
      return review(req, reply, draft, { message: notice("Only editors publish.", "error") }, 403);
    }
    const body = form(req);
    const note = (body.note ?? "").trim();
    const reason = (body.reason ?? "").trim();
    const messages: FieldMessage[] = [];
    if (!note) messages.push({ path: "note", message: "say what this version changes" });
    const current = await published();
    const checked = validateCorpus(filesOf(draft.value.files));
    const changes =
      checked.ok && current ? corpusChanges(current.corpus, checked.value.corpus) : null;
    if (changes && changes.revised.length + changes.withdrawn.length > 0 && !reason)
      messages.push({
        path: "reason",
        message: "revisions and withdrawals need the reason channels will be told",
      });
    if (messages.length > 0) return review(req, reply, draft, { messages, note, reason }, 400);
    const prepared = prepareDraft(filesOf(draft.value.files));
    if (!prepared.ok)
      return review(
        req,
        reply,
        draft,
        { message: notice("The draft does not pass the checks.", "error") },
        400,
      );
    const fullNote = reason ? `${note}\nCorrection: ${reason}` : note;
    const done = await store.publish(prepared.value.draft, {
      parent: draft.value.base,
      by: user.name,
      note: fullNote,
    });
    if (!done.ok) {
      const text =
        done.error.code === "store.stale_parent"
          ? "A version was published since this draft's base: bring it up to date first."
          : done.error.message;
      return review(req, reply, draft, { message: notice(text, "error"), note, reason }, 409);
    }
    const seq = done.value.version.seq;
    await record({
      by: user.name,
      action: "publish",
      draft: draft.value.id,
      record: null,
      version: seq,
      before: { base: draft.value.base },
      after: { seq, hash: done.value.version.hash },
      note: fullNote,
    });
    await desk.removeDraft(draft.value.id);
    return send(
      reply,
      view.versionsPage(
        ctxOf(req, reply),
        await versions(),
        notice(
          done.value.status === "unchanged"
            ? "Nothing changed: no version was published."
            : `Published version ${seq}.`,
        ),
      ),
    );
  });

  // --- versions and history ---

  const versions = async () => {
    const log = await store.log();
    if (!log.ok) throw new Error(log.error.message);
    return log.value;
  };
  app.get("/versions", async (req, reply) =>
    send(reply, view.versionsPage(ctxOf(req, reply), await versions())),
  );
  app.get("/versions/:seq", async (req, reply) => {
    const seq = Number((req.params as { seq: string }).seq);
    return send(
      reply,
      view.historyPage(
        ctxOf(req, reply),
        `Version ${seq}`,
        Number.isInteger(seq) ? await desk.history({ version: seq }) : [],
      ),
    );
  });
  app.post("/versions/:seq/revert", async (req, reply) => {
    const user = req.account as Account;
    const seq = Number((req.params as { seq: string }).seq);
    const note = (form(req).note ?? "").trim();
    if (user.role !== "editor")
      return send(
        reply,
        view.versionsPage(
          ctxOf(req, reply),
          await versions(),
          notice("Only editors revert.", "error"),
        ),
        403,
      );
    if (!Number.isInteger(seq) || seq < 1 || !note)
      return send(
        reply,
        view.versionsPage(
          ctxOf(req, reply),
          await versions(),
          notice("Say why you revert.", "error"),
        ),
        400,
      );
    const done = await revertTo(store, seq, { by: user.name, note: `revert to v${seq}: ${note}` });
    if (!done.ok)
      return send(
        reply,
        view.versionsPage(ctxOf(req, reply), await versions(), notice(done.error.message, "error")),
        409,
      );
    await record({
      by: user.name,
      action: "revert",
      draft: null,
      record: null,
      version: done.value.version.seq,
      before: null,
      after: { revertedTo: seq },
      note,
    });
    return send(
      reply,
      view.versionsPage(
        ctxOf(req, reply),
        await versions(),
        notice(`Published version ${done.value.version.seq} with the content of v${seq}.`),
      ),
    );
  });
  app.get("/history", async (req, reply) => {
    const key = (req.query as { record?: string }).record;
    const entries = await desk.history(key ? { record: key } : {});
    return send(
      reply,
      view.historyPage(
        ctxOf(req, reply),
        key ? `History of ${key}` : "History",
        entries.slice(0, 200),
      ),
    );
  });

  return app;
}

/** Where an accepted suggestion's record goes: a value into its figure group, or a new record. */
function placeSuggestion(
  files: DraftFiles,
  s: Suggestion,
  quote: string,
  asOf: FuzzyDate | undefined,
): { ok: true; kind: Kind; record: RecordJson; before: unknown } | { ok: false; message: string } {
  const requoted = requote(s.record, s.quote, quote);
  if (s.kind === "figure-value" && asOf) (requoted as { asOf?: FuzzyDate }).asOf = asOf;
  if (s.target?.kind === "figure-group") {
    const group = recordOf(files, "figures", s.target.id);
    if (!group)
      return { ok: false, message: `the figure group ${s.target.id} is not in this draft` };
    const values = Array.isArray(group.values) ? group.values : [];
    return {
      ok: true,
      kind: "figures",
      record: { ...group, values: [...values, requoted] },
      before: group,
    };
  }
  const kinds = {
    "figure-value": "figures",
    "actor-mention": "actors",
    "new-actor": "actors",
    attack: "attacks",
    event: "events",
    date: null,
  } as const;
  const kind = kinds[s.kind];
  // A value no group fits comes with a new group to hold it.
  const proposed = s.kind === "figure-value" ? s.group : s.record;
  const record = requote(proposed, s.quote, quote) as RecordJson | undefined;
  if (!kind || typeof record?.id !== "string")
    return { ok: false, message: "this suggestion is for reading only: add its record by hand" };
  return { ok: true, kind, record, before: recordOf(files, kind, record.id) };
}

/**
 * The as-of date a curator gave a figure value: none (the event's outcome), or a date no later
 * than today; the article's own date says so in its reason.
 */
function asOfFrom(
  text: string,
  articleDate: string,
  today: Date,
): { ok: true; value: FuzzyDate | undefined } | { ok: false; message: string } {
  const value = text.trim();
  if (value === "") return { ok: true, value: undefined };
  const precision = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? "day"
    : /^\d{4}-\d{2}$/.test(value)
      ? "month"
      : /^\d{4}$/.test(value)
        ? "year"
        : null;
  if (!precision) return { ok: false, message: "YYYY-MM-DD, YYYY-MM or YYYY, or blank" };
  if (value > today.toISOString().slice(0, value.length))
    return { ok: false, message: "the date is in the future" };
  if (value === articleDate) {
    return {
      ok: true,
      value: {
        value,
        precision,
        estimated: true,
        reason: "the article's date: it reports the number as updated by then",
      },
    };
  }
  return { ok: true, value: { value, precision, estimated: false } };
}

/** The record with the suggested quote replaced by the curator's own selection. */
function requote(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((v) => requote(v, from, to));
  if (value && typeof value === "object") {
    // Only citations' quotes: a value's `text` ("145") is the statement, not the quote.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === "quote" && v === from ? to : requote(v, from, to),
      ]),
    );
  }
  return value;
}
