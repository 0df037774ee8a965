import { randomBytes } from "node:crypto";
import { type Desk, SESSION_COOKIE } from "../context.ts";
import { DUMMY_HASH, verifyPassword } from "../passwords.ts";
import * as view from "../views.ts";

/** Signing in and out, slowed down after failed attempts. */
export function sessionRoutes(d: Desk) {
  const { app, desk, now, send, ctxOf, seeOther, form, limiter, secure } = d;
  // --- signing in ---

  app.get("/sign-in", (req, reply) => send(reply, view.signInPage(ctxOf(req, reply), null)));
  app.post(
    "/sign-in",
    { config: { rateLimit: { max: 60, timeWindow: "1 minute" } } },
    async (req, reply) => {
      const { name = "", password = "" } = form(req);
      const keys = [`account:${name.toLowerCase()}`, `address:${req.ip}`];
      const wait = await limiter.wait(keys, now().getTime());
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
        await limiter.failed(keys, now().getTime());
        req.log.info({ account: name.slice(0, 40) }, "desk sign-in refused");
        return send(
          reply,
          view.signInPage(ctxOf(req, reply), "That account and password do not match.", name),
          401,
        );
      }
      await limiter.succeeded(keys[0] as string);
      const id = randomBytes(32).toString("hex");
      const expiresAt = new Date(now().getTime() + d.sessionHours * 3_600_000);
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
}
