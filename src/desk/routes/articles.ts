import { validateCorpus } from "../../core/corpus/validate.ts";
import type { Account } from "../../ports/desk-store.ts";
import { ArticleForm, articleFromForm, suggestResidue } from "../articles.ts";
import type { Desk } from "../context.ts";
import {
  type FieldMessage,
  filesOf,
  type RecordJson,
  recordKey,
  recordsOf,
  withRecord,
} from "../records.ts";
import * as view from "../views.ts";

/** Bringing an article into a draft. */
export function articleRoutes(d: Desk) {
  const { app, now, send, ctxOf, seeOther, record, loadDraft, saveFiles, form } = d;
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
    const again = (messages: FieldMessage[], status: number) =>
      send(
        reply,
        view.articlePage(ctxOf(req, reply), draft.value.id, input, messages, null),
        status,
      );
    if (mine.length > 0)
      return again(
        mine.map((p) => ({ path: p.path.split(".")[0] ?? "", message: p.message })),
        400,
      );
    const saved = await saveFiles(
      draft,
      (d) => ({
        ...d,
        files: { json: files.json, texts: { ...d.files.texts, [article.id]: raw } },
      }),
      user.name,
    );
    if (!saved.ok)
      return again([{ path: "text", message: `${saved.error.message}; save again` }], 409);
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
}
