import type { FastifyReply, FastifyRequest } from "fastify";
import { corpusChanges } from "../../core/changes.ts";
import { validateCorpus } from "../../core/corpus/validate.ts";
import type { Account, DeskDraft, Stored } from "../../ports/desk-store.ts";
import { prepareDraft } from "../../store/draft.ts";
import type { Desk } from "../context.ts";
import { mergeDraft } from "../merge.ts";
import { type FieldMessage, filesOf, withCorrectionOf } from "../records.ts";
import * as view from "../views.ts";
import { notice } from "../views.ts";

/** Review, bringing a draft up to date, and publishing it. */
export function reviewRoutes(d: Desk) {
  const {
    app,
    store,
    desk,
    send,
    ctxOf,
    seeOther,
    record,
    published,
    filesAt,
    loadDraft,
    saveFiles,
    form,
    versions,
  } = d;
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
    // Each revised statement carries the reason as its correction, unless it has its own.
    const files = (changes?.revised ?? []).reduce(
      (f, r) => withCorrectionOf(f, r.after.id, reason, r.before.correction),
      draft.value.files,
    );
    const prepared = prepareDraft(filesOf(files));
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
}
