import type { FastifyReply, FastifyRequest } from "fastify";
import type { Account, DeskDraft } from "../../ports/desk-store.ts";
import type { Desk } from "../context.ts";
import { type FormFields, readRecord, variantsOf, withBlankItem } from "../fields.ts";
import {
  checkRecord,
  type DraftFiles,
  type FieldMessage,
  fingerprint,
  isKind,
  KINDS,
  type Kind,
  type RecordJson,
  recordKey,
  recordOf,
  withCorrections,
  withRecord,
} from "../records.ts";
import * as view from "../views.ts";

type Posted =
  | { ok: true; value: RecordJson }
  | { ok: false; message: string; value: Record<string, unknown> | null };

/**
 * Editing one record of a draft: by its fields, or as JSON (the advanced view). Checked as you
 * type through /check, and again on save; never overwriting another's save.
 */
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
  const publishedRecord = async (kind: Kind, id: string) => {
    const current = await published();
    return current === null || id === "new" ? null : recordOf(current.files, kind, id);
  };
  /** The record a posted form describes: its JSON (the advanced view) or its fields. */
  const posted = (kind: Kind, id: string, body: FormFields): Posted => {
    if (body.record !== undefined) return parseRecord(body.record);
    const value = readRecord(KINDS[kind].schema, body);
    if (id !== "new") value.id = id;
    return typeof value.id === "string"
      ? { ok: true, value: value as RecordJson }
      : { ok: false, message: 'a record needs an "id"', value };
  };
  /** Every message a save would give, and the files it would write when there are none. */
  const assess = (
    files: DraftFiles,
    kind: Kind,
    id: string,
    value: RecordJson,
  ): { files: DraftFiles; messages: FieldMessage[] } => {
    if (id !== "new" && value.id !== id)
      return {
        files,
        messages: [
          {
            path: "id",
            message: `the id is ${id}; to rename a record, withdraw it and add a new one`,
          },
        ],
      };
    if (id === "new" && recordOf(files, kind, value.id))
      return {
        files,
        messages: [{ path: "id", message: `a ${kind} record ${value.id} exists already` }],
      };
    return checkRecord(files, kind, value.id, value);
  };
  const params = (req: FastifyRequest, reply: FastifyReply) => {
    const { kind, id } = req.params as { kind: string; id: string };
    if (isKind(kind)) return { kind, id };
    missing(req, reply, "There is no such kind of record.");
    return null;
  };

  app.get("/drafts/:draft/records/:kind/:id", async (req, reply) => {
    const draft = await loadDraft(req, reply);
    const p = draft && params(req, reply);
    if (!draft || !p) return;
    const { kind, id } = p;
    const existing = id === "new" ? null : recordOf(draft.value.files, kind, id);
    if (id !== "new" && !existing)
      return missing(req, reply, `There is no ${kind} record ${id} in this draft.`);
    const value = existing ?? { id: "" };
    return send(
      reply,
      view.recordPage(ctxOf(req, reply), {
        draftId: draft.value.id,
        kind,
        id,
        mode: (req.query as { view?: string }).view === "json" ? "json" : "fields",
        value,
        text: JSON.stringify(value, null, 2),
        variants: {},
        before: fingerprint(existing),
        published: (await publishedRecord(kind, id)) !== null,
        reason: draft.value.reasons[recordKey(kind, id)] ?? "",
        messages: [],
        conflict: null,
      }),
    );
  });

  // Checks as you type: the desk's script posts the form here and shows the messages by field.
  app.post("/drafts/:draft/records/:kind/:id/check", async (req, reply) => {
    const draft = await desk.draft((req.params as { draft: string }).draft);
    const { kind, id } = req.params as { kind: string; id: string };
    if (!draft || !isKind(kind)) return reply.code(404).send({ messages: [] });
    const value = posted(kind, id, form(req));
    const messages = value.ok
      ? assess(draft.value.files, kind, id, value.value).messages
      : [{ path: "", message: value.message }];
    return reply.header("cache-control", "no-store").send({ messages });
  });

  app.post("/drafts/:draft/records/:kind/:id", async (req, reply) => {
    const user = req.account as Account;
    const draft = await loadDraft(req, reply);
    const p = draft && params(req, reply);
    if (!draft || !p) return;
    const { kind, id } = p;
    const body = form(req);
    const reason = (body.reason ?? "").trim();
    const intent = body.intent ?? "save";
    const withdraw = intent === "withdraw";
    const mode = body.record !== undefined ? "json" : "fields";
    const publishedOne = await publishedRecord(kind, id);
    const input = posted(kind, id, body);
    const variants = variantsOf(body);
    const show = (
      value: unknown,
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
          mode,
          value,
          text: body.record ?? JSON.stringify(value, null, 2),
          variants,
          before,
          published: publishedOne !== null,
          reason,
          messages,
          conflict,
        }),
        status,
      );
    // Adding a list item or changing a date's shape only redraws the form: nothing is saved.
    if (intent.startsWith("add:"))
      return show(withBlankItem(input.value, intent.slice(4)), [], null, body.before, 200);
    if (intent.startsWith("variant:")) {
      const [, path = "", at = "0"] = intent.split(":");
      variants[path] = Number(at);
      return show(input.value, [], null, body.before, 200);
    }
    if (!withdraw && !input.ok) return show(input.value, [{ path: "", message: input.message }]);
    const value = withdraw || !input.ok ? null : input.value;
    const targetId = id === "new" ? (value?.id ?? "") : id;
    if (publishedOne && reason === "")
      return show(input.value, [
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
      return show(input.value, [], { theirs, by: last?.by ?? "someone" }, fingerprint(theirs), 409);
    }
    let files: DraftFiles;
    let after: RecordJson | null = null;
    if (value) {
      // The reason asked for goes into each revised statement's own correction field.
      after = withCorrections(kind, value, publishedOne, reason);
      const checked = assess(draft.value.files, kind, id, after);
      if (checked.messages.length > 0) return show(input.value, checked.messages);
      files = checked.files;
    } else {
      files = withoutRecord(draft.value.files, kind, id);
    }
    const key = recordKey(kind, targetId);
    const saved = await saveFiles(
      draft,
      (x) => withReason(x, files, key, publishedOne ? reason : ""),
      user.name,
    );
    if (!saved.ok) {
      const fresh = await desk.draft(draft.value.id);
      const now = fresh ? recordOf(fresh.value.files, kind, targetId) : null;
      return show(
        input.value,
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
      after,
      note: reason,
    });
    return seeOther(reply, `/drafts/${draft.value.id}`);
  });
}

const withReason = (d: DeskDraft, files: DraftFiles, key: string, reason: string): DeskDraft => ({
  ...d,
  files,
  reasons: reason ? { ...d.reasons, [key]: reason } : d.reasons,
});

/** The files without a record, and without its raw text when it is an article. */
function withoutRecord(files: DraftFiles, kind: Kind, id: string): DraftFiles {
  const next = withRecord(files, kind, id, null);
  if (kind !== "articles") return next;
  return {
    json: next.json,
    texts: Object.fromEntries(Object.entries(next.texts).filter(([k]) => k !== id)),
  };
}

function parseRecord(text: string): Posted {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return { ok: false, message: "a record is a JSON object: { … }", value: null };
    if (typeof (value as { id?: unknown }).id !== "string")
      return {
        ok: false,
        message: 'a record needs an "id"',
        value: value as Record<string, unknown>,
      };
    return { ok: true, value: value as RecordJson };
  } catch (err) {
    return {
      ok: false,
      message: `not valid JSON: ${(err as Error).message.split("\n")[0]}`,
      value: null,
    };
  }
}
