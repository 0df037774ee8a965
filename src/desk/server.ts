import { readFileSync } from "node:fs";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify from "fastify";
import type { Logger } from "pino";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { Account, DeskStore } from "../ports/desk-store.ts";
import { deskContext, SESSION_COOKIE } from "./context.ts";
import { type SignInLimiter, signInLimiter } from "./limiter.ts";
import { articleRoutes } from "./routes/articles.ts";
import { draftRoutes } from "./routes/drafts.ts";
import { recordRoutes } from "./routes/records.ts";
import { reviewRoutes } from "./routes/review.ts";
import { sessionRoutes } from "./routes/session.ts";
import { suggestionRoutes } from "./routes/suggestions.ts";
import { versionRoutes } from "./routes/versions.ts";
import * as view from "./views.ts";

export interface DeskOptions {
  corpus: CorpusStore;
  desk: DeskStore;
  logger: Logger;
  sessionHours: number;
  now?: () => Date;
  limiter?: SignInLimiter;
}

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

declare module "fastify" {
  interface FastifyRequest {
    account: Account | null;
    sessionId: string | null;
  }
}

export async function buildDesk(options: DeskOptions) {
  const { desk } = options;
  const now = options.now ?? (() => new Date());
  const limiter = options.limiter ?? signInLimiter(desk);
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

  const d = deskContext(app, { ...options, now, limiter });
  const { send, seeOther } = d;

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

  sessionRoutes(d);
  draftRoutes(d);
  recordRoutes(d);
  articleRoutes(d);
  suggestionRoutes(d);
  reviewRoutes(d);
  versionRoutes(d);
  return app;
}
