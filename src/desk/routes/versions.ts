import type { Account } from "../../ports/desk-store.ts";
import { revertTo } from "../../store/revert.ts";
import type { Desk } from "../context.ts";
import * as view from "../views.ts";
import { notice } from "../views.ts";

/** Published versions, reverting to one, and the change history. */
export function versionRoutes(d: Desk) {
  const { app, store, desk, send, ctxOf, record, form, versions } = d;
  // --- versions and history ---

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
    const refused = async (message: string, status: number) =>
      send(
        reply,
        view.versionsPage(ctxOf(req, reply), await versions(), notice(message, "error")),
        status,
      );
    if (user.role !== "editor") return refused("Only editors revert.", 403);
    if (!Number.isInteger(seq) || seq < 1 || !note) return refused("Say why you revert.", 400);
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
}
