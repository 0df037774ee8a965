import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Account, DeskDraft, Stored } from "../../ports/desk-store.ts";
import type { Desk } from "../context.ts";
import type { Html } from "../html.ts";
import { KINDS, type Kind, type RecordJson, recordsOf } from "../records.ts";
import * as view from "../views.ts";
import { notice } from "../views.ts";

/** The list of drafts, starting one, and a draft's page. */
export function draftRoutes(d: Desk) {
  const { app, store, desk, now, send, ctxOf, seeOther, record, published, loadDraft, form } = d;
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
}
