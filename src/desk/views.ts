import type { CorpusChanges, Statement } from "../core/changes.ts";
import type { CorpusProblem } from "../core/corpus/problem.ts";
import type { Citation } from "../core/corpus/schema.ts";
import type { Suggestion } from "../core/suggest/suggest.ts";
import type { VersionInfo } from "../ports/corpus-store.ts";
import type { Account, DeskDraft, HistoryEntry, Stored } from "../ports/desk-store.ts";
import { ARTICLE_FIELDS } from "./article-fields.ts";
import type { ArticleForm } from "./articles.ts";
import { recordFields } from "./fields.ts";
import { Html, html } from "./html.ts";
import type { Conflict } from "./merge.ts";
import { type FieldMessage, KINDS, type Kind, type RecordJson } from "./records.ts";

export interface PageContext {
  user: Account | null;
  csrf: string;
}

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const json = (v: unknown) => JSON.stringify(v, null, 2);

export function page(ctx: PageContext, title: string, body: Html): string {
  const nav = ctx.user
    ? html`<nav aria-label="Desk">
        <a href="/">Drafts</a> <a href="/versions">Versions</a> <a href="/history">History</a>
        <span class="who">${ctx.user.name} (${ctx.user.role})</span>
        <form method="post" action="/sign-out" class="inline">${csrfField(ctx)}<button>Sign out</button></form>
      </nav>`
    : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Factdesk desk</title>
<link rel="stylesheet" href="/static/desk.css">
<script src="/static/desk.js" defer></script>
</head>
<body>
<header><a class="brand" href="/">Factdesk desk</a>${nav}</header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`.text;
}

export const csrfField = (ctx: PageContext) =>
  html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

/** The messages about one field, shown next to it and tied to it for screen readers. */
export function fieldMessages(messages: readonly FieldMessage[], path: string, id: string): Html {
  // "*": every message, each with its path (a record's JSON editor has them all).
  const mine = messages.filter(
    (m) => path === "*" || m.path === path || m.path.startsWith(`${path}.`),
  );
  if (mine.length === 0) return html``;
  return html`<ul class="field-error" id="${id}-error" role="alert">${mine.map(
    (m) =>
      html`<li>${m.path && m.path !== path ? html`<code>${m.path}</code>: ` : ""}${m.message}</li>`,
  )}</ul>`;
}

/** A list of messages that is always there, so the script can fill it as you type. */
const messageList = (id: string, messages: readonly FieldMessage[]) =>
  html`<ul class="field-error" id="${id}-error" aria-live="polite">${messages.map(
    (m) => html`<li>${m.path ? html`<code>${m.path}</code>: ` : ""}${m.message}</li>`,
  )}</ul>`;

export function notice(text: string, kind: "ok" | "error" = "ok"): Html {
  return html`<p class="notice ${kind}" role="${kind === "error" ? "alert" : "status"}">${text}</p>`;
}

export function signInPage(ctx: PageContext, message: string | null, name = ""): string {
  return page(
    ctx,
    "Sign in",
    html`${message ? notice(message, "error") : ""}
<form method="post" action="/sign-in" class="narrow">${csrfField(ctx)}
<label for="name">Account</label><input id="name" name="name" autocomplete="username" required value="${name}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

export function homePage(
  ctx: PageContext,
  drafts: Stored<DeskDraft>[],
  current: VersionInfo | null,
  message: Html | string = "",
): string {
  return page(
    ctx,
    "Drafts",
    html`${message}
<p>Published: ${current ? `version ${current.seq}, ${when(current.publishedAt)} by ${current.by}` : "nothing yet"}.</p>
<table><thead><tr><th scope="col">Draft</th><th scope="col">Based on</th><th scope="col">Last saved</th></tr></thead><tbody>
${drafts.map(
  (d) => html`<tr><td><a href="/drafts/${d.value.id}">${d.value.name}</a></td>
<td>${d.value.base === null ? "empty store" : `v${d.value.base}`}${d.value.base !== (current?.seq ?? null) ? html` <strong class="stale">out of date</strong>` : ""}</td>
<td>${when(d.value.updatedAt)} by ${d.value.updatedBy}</td></tr>`,
)}
</tbody></table>
${drafts.length === 0 ? html`<p>No drafts yet.</p>` : ""}
<h2>Start a draft</h2>
<form method="post" action="/drafts" class="narrow">${csrfField(ctx)}
<label for="draft-name">Name</label><input id="draft-name" name="name" required maxlength="120" placeholder="Crocus toll update">
<button type="submit">Start from the published version</button>
</form>`,
  );
}

export function draftPage(
  ctx: PageContext,
  draft: Stored<DeskDraft>,
  currentSeq: number | null,
  records: Record<Kind, RecordJson[]>,
  message: Html | string = "",
): string {
  const d = draft.value;
  const stale = d.base !== currentSeq;
  return page(
    ctx,
    `Draft: ${d.name}`,
    html`${message}
<p>Based on ${d.base === null ? "an empty store" : `version ${d.base}`}; last saved ${when(d.updatedAt)} by ${d.updatedBy}.</p>
${
  stale
    ? html`<div class="notice error" role="alert"><p>Version ${currentSeq} was published since this draft started. Bring it up to date before publishing.</p>
<form method="post" action="/drafts/${d.id}/update">${csrfField(ctx)}<button>Bring up to date</button></form></div>`
    : ""
}
<p class="actions"><a class="button" href="/drafts/${d.id}/article">Bring in an article</a>
<a class="button" href="/drafts/${d.id}/review">Review and publish</a></p>
${(Object.keys(KINDS) as Kind[]).map(
  (kind) => html`<section><h2>${KINDS[kind].label}</h2>
<ul class="records">${records[kind].map(
    (r) =>
      html`<li><a href="/drafts/${d.id}/records/${kind}/${r.id}">${String(r.name ?? r.title ?? r.measure ?? r.id)}</a> <code>${r.id}</code>${
        kind === "articles"
          ? html` · <a href="/drafts/${d.id}/articles/${r.id}/suggestions">suggestions</a>`
          : ""
      }</li>`,
  )}</ul>
<a href="/drafts/${d.id}/records/${kind}/new">New ${kind.replace(/s$/, "")}</a></section>`,
)}`,
  );
}

export interface RecordPageInput {
  draftId: string;
  kind: Kind;
  id: string;
  /** "fields": a form of labelled fields; "json": the record as JSON (the advanced view). */
  mode: "fields" | "json";
  value: unknown;
  text: string;
  /** Which shape each date takes (one date or a span), by path, as the form last chose. */
  variants: Record<string, number>;
  before: string;
  published: boolean;
  reason: string;
  messages: FieldMessage[];
  /** The other person's save, when theirs came first. */
  conflict: { theirs: unknown; by: string } | null;
}

export function recordPage(ctx: PageContext, input: RecordPageInput): string {
  const { draftId, kind, id } = input;
  const title = id === "new" ? `New ${kind.replace(/s$/, "")}` : `${KINDS[kind].label}: ${id}`;
  const action = `/drafts/${draftId}/records/${kind}/${id}`;
  const messages = input.messages.filter((m) => m.path !== "reason");
  const editor =
    input.mode === "json"
      ? html`<label for="record">Record (JSON, as in ${KINDS[kind].file})</label>
<textarea id="record" name="record" rows="24" spellcheck="false" aria-describedby="record-error">${input.text}</textarea>
${messageList("record", messages)}`
      : (() => {
          const { fields, general } = recordFields(KINDS[kind].schema, input.value, {
            messages,
            variants: input.variants,
            fixedId: id !== "new",
          });
          return html`${messageList("record", general)}${fields}`;
        })();
  return page(
    ctx,
    title,
    html`<p><a href="/drafts/${draftId}">Back to the draft</a> · <a href="/history?record=${kind}/${id}">History of this record</a> · ${
      input.mode === "json"
        ? html`<a href="${action}">Edit by fields</a>`
        : html`<a href="${action}?view=json">Edit as JSON (advanced)</a>`
    }</p>
${input.messages.length > 0 ? notice("Not saved: fix what is marked below.", "error") : ""}
${
  input.conflict
    ? html`<div class="notice error" role="alert"><p>${input.conflict.by} saved this record while you were editing it. Their version is below; yours is in the editor. Merge what you need and save again.</p>
<pre class="record">${json(input.conflict.theirs)}</pre></div>`
    : ""
}
<form method="post" action="${action}" class="record-form" data-check="${action}/check">${csrfField(ctx)}
<input type="hidden" name="before" value="${input.before}">
<button type="submit" name="intent" value="save" class="visually-hidden" tabindex="-1" aria-hidden="true">Save</button>
${editor}
${
  input.published
    ? html`<div class="field"><label for="reason">Reason for the correction (shown with it in channels)</label>
<input id="reason" name="reason" value="${input.reason}" aria-describedby="reason-error"${new Html(input.messages.some((m) => m.path === "reason") ? ' aria-invalid="true"' : "")}>
${fieldMessages(input.messages, "reason", "reason")}</div>`
    : ""
}
<p class="actions"><button type="submit" name="intent" value="save">Save</button>
${id !== "new" ? html`<button type="submit" name="intent" value="withdraw" class="secondary">Withdraw this record</button>` : ""}</p>
</form>`,
  );
}

export function articlePage(
  ctx: PageContext,
  draftId: string,
  form: ArticleForm,
  messages: FieldMessage[],
  cleaned: string | null,
): string {
  const field = (name: keyof ArticleForm, label: string, input: Html) =>
    html`<div class="field"><label for="f-${name}">${label}</label>${input}${fieldMessages(messages, name, `f-${name}`)}</div>`;
  const text = (name: keyof ArticleForm, label: string, extra = "") =>
    field(
      name,
      label,
      html`<input id="f-${name}" name="${name}" value="${String(form[name] ?? "")}" aria-describedby="f-${name}-error" ${new Html(extra)}>`,
    );
  return page(
    ctx,
    "Bring in an article",
    html`<p><a href="/drafts/${draftId}">Back to the draft</a></p>
${messages.length > 0 ? notice("Not saved: fix what is marked below.", "error") : ""}
<form method="post" action="/drafts/${draftId}/article" class="article-form">${csrfField(ctx)}
${ARTICLE_FIELDS.map(([name, label]) => text(name, label))}
${field(
  "precision",
  "Date precision",
  html`<select id="f-precision" name="precision">${["day", "month", "year"].map(
    (p) =>
      html`<option value="${p}" ${form.precision === p ? new Html("selected") : ""}>${p}</option>`,
  )}</select>`,
)}
<div class="field"><input type="checkbox" id="f-estimated" name="estimated" ${form.estimated !== undefined ? new Html("checked") : ""}><label for="f-estimated" class="inline">The date is an estimate</label></div>
${text("reason", "Why the date is estimated")}
${field(
  "text",
  "Article text (paste, or choose a file)",
  html`<input type="file" id="f-file" accept=".txt,text/plain" data-fills="f-text" aria-label="Read the text from a file">
<textarea id="f-text" name="text" rows="14" aria-describedby="f-text-error">${form.text}</textarea>`,
)}
${field(
  "residue",
  "Page residue to remove: one line each, or tail: words to cut from those words on",
  html`<textarea id="f-residue" name="residue" rows="5" aria-describedby="f-residue-error">${form.residue}</textarea>`,
)}
<button type="submit" name="intent" value="preview" class="secondary">Suggest residue and show the cleaned text</button>
<button type="submit" name="intent" value="save">Save the article</button>
</form>
${cleaned !== null ? html`<h2>Cleaned text</h2><pre class="article-text">${cleaned}</pre>` : ""}`,
  );
}

/** Words that report a number as updated ("rose to 145"): its as-of date is then suggested. */
const UPDATE_WORDS = /\b(rose|risen|climbed|increased|has reached|now stands|updated)\b/i;

function highlighted(s: Suggestion): Html {
  const at = s.sentence.indexOf(s.quote);
  if (at < 0) return html`${s.sentence}`;
  return html`${s.sentence.slice(0, at)}<mark>${s.quote}</mark>${s.sentence.slice(at + s.quote.length)}`;
}

/** A record an accepted date may fill: an attack or event of the draft. */
export interface DateTarget {
  key: string;
  label: string;
  /** It cites the article, so it is likely the one the date belongs to. */
  cites: boolean;
}

export function suggestionsPage(
  ctx: PageContext,
  draftId: string,
  article: { id: string; title: string; text: string; published: { value: string } },
  suggestions: Suggestion[],
  targets: DateTarget[],
  message: Html | string = "",
  messages: FieldMessage[] = [],
  failedId: string | null = null,
): string {
  const citing = targets.filter((t) => t.cites);
  const others = targets.filter((t) => !t.cites);
  const options = (list: DateTarget[]) =>
    list.map((t) => html`<option value="${t.key}">${t.label} (${t.key})</option>`);
  return page(
    ctx,
    `Suggestions: ${article.title}`,
    html`<p><a href="/drafts/${draftId}">Back to the draft</a></p>${message}
<div class="columns">
<section aria-labelledby="text-h"><h2 id="text-h">Cleaned text</h2>
<p class="hint">Select words here, then press "Use selected words" on a suggestion to quote them instead.</p>
<pre class="article-text" id="article-text">${article.text}</pre></section>
<section aria-labelledby="sug-h"><h2 id="sug-h">Suggestions</h2>
${suggestions.length === 0 ? html`<p>Nothing to suggest in this text.</p>` : ""}
<ol class="suggestions">${suggestions.map(
      (s) => html`<li class="suggestion" data-kind="${s.kind}">
<p><strong>${s.kind}</strong>${s.target ? html` → joins ${s.target.kind} <code>${s.target.id}</code>` : ""} <span class="confidence">(${Math.round(s.confidence * 100)}%)</span></p>
<p class="sentence">${highlighted(s)}</p>
<form method="post" action="/drafts/${draftId}/articles/${article.id}/suggestions">${csrfField(ctx)}
<input type="hidden" name="suggestion" value="${s.id}">
<label for="q-${s.id}">Quote</label>
<input id="q-${s.id}" name="quote" value="${s.quote}" aria-describedby="q-${s.id}-error">
${s.id === failedId ? fieldMessages(messages, "quote", `q-${s.id}`) : ""}
<button type="button" class="secondary" data-quote-from="article-text" data-quote-into="q-${s.id}">Use selected words</button>
${
  s.kind === "figure-value"
    ? html`<label for="a-${s.id}">As of (YYYY-MM-DD, YYYY-MM or YYYY; blank when it is the event's outcome)</label>
<input id="a-${s.id}" name="asOf" value="${UPDATE_WORDS.test(s.sentence) ? article.published.value : ""}" aria-describedby="a-${s.id}-error">
${s.id === failedId ? fieldMessages(messages, "asOf", `a-${s.id}`) : ""}`
    : ""
}
${
  s.kind === "date"
    ? html`<label for="t-${s.id}">Fill the date of</label>
<select id="t-${s.id}" name="target" aria-describedby="t-${s.id}-error"><option value="">— choose an attack or event —</option>${
        citing.length > 0
          ? html`<optgroup label="Citing this article">${options(citing)}</optgroup>`
          : ""
      }<optgroup label="All attacks and events">${options(others)}</optgroup></select>
${s.id === failedId ? fieldMessages(messages, "target", `t-${s.id}`) : ""}`
    : ""
}
<button type="submit">Accept</button>
</form></li>`,
    )}</ol></section></div>`,
  );
}

const cite = (cs: readonly Citation[]) =>
  html`<ul class="citations">${cs.map((c) => html`<li><q>${c.quote}</q> — <code>${c.article}</code></li>`)}</ul>`;
const statement = (s: Statement) =>
  html`<strong>${s.text}</strong> <code>${s.id}</code>${cite(s.citations)}`;

export interface ReviewInput {
  draft: Stored<DeskDraft>;
  currentSeq: number | null;
  problems: CorpusProblem[];
  changes: CorpusChanges | null;
  conflicts: Conflict[];
  message: Html | string;
  note: string;
  reason: string;
  messages: FieldMessage[];
}

export function reviewPage(ctx: PageContext, input: ReviewInput): string {
  const { draft, changes, problems } = input;
  const d = draft.value;
  const corrections = changes ? changes.revised.length + changes.withdrawn.length : 0;
  const canPublish = ctx.user?.role === "editor";
  const stale = d.base !== input.currentSeq;
  return page(
    ctx,
    `Review: ${d.name}`,
    html`<p><a href="/drafts/${d.id}">Back to the draft</a></p>${input.message}
${
  input.conflicts.length > 0
    ? html`<section class="notice error" role="alert"><h2>Conflicts with version ${input.currentSeq}</h2>
<p>These records were changed both here and in the version published since; the draft keeps its own. Edit them to settle each one.</p>
${input.conflicts.map(
  (c) => html`<h3><a href="/drafts/${d.id}/records/${c.key}">${c.key}</a></h3>
<div class="columns"><div><h4>This draft</h4><pre class="record">${json(c.draft)}</pre></div><div><h4>Published</h4><pre class="record">${json(c.published)}</pre></div></div>`,
)}</section>`
    : ""
}
<section><h2>Checks</h2>
${
  problems.length === 0
    ? html`<p class="ok">Every corpus check passes.</p>`
    : html`<ul class="problems">${problems.map(
        (p) =>
          html`<li><code>${p.file}</code>${p.record ? html` <a href="/drafts/${d.id}/records/${p.file.replace(".json", "")}/${p.record}">${p.record}</a>` : ""}${p.path ? html` at <code>${p.path}</code>` : ""}: ${p.message} <code>${p.code}</code></li>`,
      )}</ul>`
}</section>
${
  changes
    ? html`<section><h2>Changes against the published version</h2>
<p>${changes.articlesAdded.length} new article(s), ${changes.added.length} added, ${changes.revised.length} revised, ${changes.withdrawn.length} withdrawn.</p>
${changes.articlesAdded.length > 0 ? html`<h3>New articles</h3><ul>${changes.articlesAdded.map((a) => html`<li>${a.title} — ${a.outlet}</li>`)}</ul>` : ""}
${changes.added.length > 0 ? html`<h3>Added</h3><ul class="changes">${changes.added.map((s) => html`<li>${statement(s)}</li>`)}</ul>` : ""}
${changes.revised.length > 0 ? html`<h3>Revised</h3><ul class="changes">${changes.revised.map((r) => html`<li>${statement(r.before)} now reads ${statement(r.after)}</li>`)}</ul>` : ""}
${changes.withdrawn.length > 0 ? html`<h3>Withdrawn</h3><ul class="changes">${changes.withdrawn.map((s) => html`<li>${statement(s)}</li>`)}</ul>` : ""}
</section>`
    : ""
}
<section><h2>Publish</h2>
${
  !canPublish
    ? html`<p>Only editors publish. Tell an editor this draft is ready.</p>`
    : stale
      ? html`<p>Bring the draft up to date with version ${input.currentSeq} first.</p><form method="post" action="/drafts/${d.id}/update">${csrfField(ctx)}<button>Bring up to date</button></form>`
      : problems.length > 0
        ? html`<p>Fix the checks above first.</p>`
        : html`<form method="post" action="/drafts/${d.id}/publish" class="narrow">${csrfField(ctx)}
<label for="note">Publish note</label><input id="note" name="note" required value="${input.note}" aria-describedby="note-error">
${fieldMessages(input.messages, "note", "note")}
${
  corrections > 0
    ? html`<label for="reason">Reason for the ${corrections} correction(s): channels are told it</label>
<input id="reason" name="reason" required value="${input.reason || Object.values(d.reasons).join("; ")}" aria-describedby="reason-error">
${fieldMessages(input.messages, "reason", "reason")}`
    : ""
}
<button type="submit">Publish</button></form>`
}</section>`,
  );
}

export function versionsPage(
  ctx: PageContext,
  versions: VersionInfo[],
  message: Html | string = "",
): string {
  const newest = versions.at(-1)?.seq;
  return page(
    ctx,
    "Published versions",
    html`${message}<table><thead><tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">Note</th><th scope="col"></th></tr></thead><tbody>
${versions.toReversed().map(
  (
    v,
  ) => html`<tr><td><a href="/versions/${v.seq}">v${v.seq}</a>${v.seq === newest ? " (current)" : ""}</td><td>${when(v.publishedAt)} by ${v.by}</td><td>${v.note}</td>
<td>${
    ctx.user?.role === "editor" && v.seq !== newest
      ? html`<form method="post" action="/versions/${v.seq}/revert" class="inline">${csrfField(ctx)}<label for="rn-${v.seq}" class="visually-hidden">Why revert to v${v.seq}</label><input id="rn-${v.seq}" name="note" required placeholder="why"><button>Revert to this</button></form>`
      : ""
  }</td></tr>`,
)}</tbody></table>`,
  );
}

export function historyPage(ctx: PageContext, title: string, entries: HistoryEntry[]): string {
  return page(
    ctx,
    title,
    html`${entries.length === 0 ? html`<p>No recorded changes.</p>` : ""}
<ol class="history">${entries.map(
      (
        e,
      ) => html`<li><p><strong>${e.action}</strong> ${e.record ? html`<a href="/history?record=${e.record}">${e.record}</a>` : ""}${e.version ? html` <a href="/versions/${e.version}">v${e.version}</a>` : ""} — ${e.by}, ${when(e.at)}${e.draft ? html` in draft <a href="/drafts/${e.draft}">${e.draft}</a>` : ""}</p>
${e.note ? html`<p>${e.note}</p>` : ""}
${
  e.before !== null || e.after !== null
    ? html`<details><summary>Before and after</summary><div class="columns"><pre class="record">${json(e.before)}</pre><pre class="record">${json(e.after)}</pre></div></details>`
    : ""
}</li>`,
    )}</ol>`,
  );
}

export function errorPage(ctx: PageContext, title: string, text: string): string {
  return page(ctx, title, html`${notice(text, "error")}<p><a href="/">Back to the drafts</a></p>`);
}
