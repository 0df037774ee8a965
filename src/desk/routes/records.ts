import type { Account } from "../../ports/desk-store.ts";
import type { Desk } from "../context.ts";
import {
  checkRecord,
  type DraftFiles,
  type FieldMessage,
  fingerprint,
  isKind,
  type Kind,
  type RecordJson,
  recordKey,
  recordOf,
  withRecord,
} from "../records.ts";
import * as view from "../views.ts";

/** Editing one record of a draft: checked on save, never overwriting another's save. */
export function recordRoutes(d: Desk) {
  const {
    app,
    desk,
    send,
    ctxOf,
    missing,
    seeOther,
    record,
    published,
    loadDraft,
    saveFiles,
    form,
  } = d;
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
}

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
