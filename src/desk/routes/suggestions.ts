import type { FastifyReply, FastifyRequest } from "fastify";
import type { Citation, FuzzyDate } from "../../core/corpus/schema.ts";
import type { Corpus, LoadedArticle } from "../../core/corpus/types.ts";
import { validateCorpus } from "../../core/corpus/validate.ts";
import { buildSnapshot } from "../../core/snapshot.ts";
import {
  type DateSuggestion,
  type Suggestion,
  suggestArticle,
} from "../../core/suggest/suggest.ts";
import type { Account, DeskDraft, Stored } from "../../ports/desk-store.ts";
import type { Desk } from "../context.ts";
import type { Html } from "../html.ts";
import {
  checkRecord,
  type DraftFiles,
  type FieldMessage,
  filesOf,
  type Kind,
  type RecordJson,
  recordKey,
  recordOf,
  recordsOf,
} from "../records.ts";
import * as view from "../views.ts";
import { notice } from "../views.ts";

/** An article's suggestions, and accepting one into the draft. */
export function suggestionRoutes(d: Desk) {
  const { app, now, send, ctxOf, record, loadDraft, saveFiles, form } = d;
  // --- suggestions ---

  /** The draft's corpus and the article the address names; a page saying why when there is none. */
  const draftArticle = (draft: Stored<DeskDraft>, req: FastifyRequest, reply: FastifyReply) => {
    const checked = validateCorpus(filesOf(draft.value.files));
    const id = (req.params as { article: string }).article;
    const article = checked.ok ? checked.value.corpus.articleById.get(id) : undefined;
    if (checked.ok && article) return { corpus: checked.value.corpus, article };
    send(
      reply,
      view.errorPage(
        ctxOf(req, reply),
        "Not available",
        "The article is not in this draft, or the draft does not pass its checks; see Review.",
      ),
      404,
    );
    return {};
  };
  const suggestFor = (corpus: Corpus, article: LoadedArticle) => {
    // The context is the corpus as it was before this article came in.
    const articles = corpus.articles.filter((a) => a.id !== article.id);
    const before = { ...corpus, articles, articleById: new Map(articles.map((a) => [a.id, a])) };
    return suggestArticle(buildSnapshot(before), article);
  };

  app.get("/drafts/:draft/articles/:article/suggestions", async (req, reply) => {
    const draft = await loadDraft(req, reply);
    const { corpus, article } = draft ? draftArticle(draft, req, reply) : {};
    if (!draft || !corpus || !article) return;
    return send(
      reply,
      view.suggestionsPage(
        ctxOf(req, reply),
        draft.value.id,
        article,
        suggestFor(corpus, article),
        dateTargets(draft.value.files, article.id),
      ),
    );
  });

  app.post("/drafts/:draft/articles/:article/suggestions", async (req, reply) => {
    const user = req.account as Account;
    const draft = await loadDraft(req, reply);
    const { corpus, article } = draft ? draftArticle(draft, req, reply) : {};
    if (!draft || !corpus || !article) return;
    const suggestions = suggestFor(corpus, article);
    const body = form(req);
    const chosen = suggestions.find((s) => s.id === body.suggestion);
    const quote = (body.quote ?? "").trim();
    // After an accept, the page offers the draft as saved (a new attack can take a date).
    let files = draft.value.files;
    const show = (message: Html, status = 200, messages: FieldMessage[] = []) =>
      send(
        reply,
        view.suggestionsPage(
          ctxOf(req, reply),
          draft.value.id,
          article,
          suggestions,
          dateTargets(files, article.id),
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
    const placed =
      chosen.kind === "date"
        ? placeDate(draft.value.files, chosen, quote, body.target ?? "", article)
        : placeSuggestion(draft.value.files, chosen, quote, asOf.ok ? asOf.value : undefined);
    if (!placed.ok) return again(placed.message, placed.path ?? "quote");
    const checked = checkRecord(draft.value.files, placed.kind, placed.record.id, placed.record);
    if (checked.messages.length > 0)
      return again(
        checked.messages.map((m) => `${m.path ? `${m.path}: ` : ""}${m.message}`).join("; "),
      );
    const saved = await saveFiles(draft, (d) => ({ ...d, files: checked.files }), user.name);
    if (!saved.ok) return again(`${saved.error.message}; accept again`);
    files = checked.files;
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
}

/** The attacks and events a date may fill, those citing the article first. */
function dateTargets(files: DraftFiles, article: string): view.DateTarget[] {
  return (["attacks", "events"] as const).flatMap((kind) =>
    recordsOf(files, kind).map((r) => ({
      key: recordKey(kind, r.id),
      label: String(r.name ?? r.id),
      cites: JSON.stringify(r.citations ?? []).includes(`"article":"${article}"`),
    })),
  );
}

type Placed =
  | { ok: true; kind: Kind; record: RecordJson; before: unknown }
  | { ok: false; message: string; path?: string };

/**
 * An accepted date fills the date of the attack or event it belongs to: `words` when the quote
 * states it, `derivedFrom` when it was worked out against the article's date. The record cites
 * the sentence it stands in, so the date's words are in one of its quotes.
 */
function placeDate(
  files: DraftFiles,
  s: DateSuggestion,
  quote: string,
  target: string,
  article: { id: string; text: string },
): Placed {
  const [kind, id = ""] = target.split("/");
  const record = kind === "attacks" || kind === "events" ? recordOf(files, kind, id) : null;
  if (!record || (kind !== "attacks" && kind !== "events"))
    return {
      ok: false,
      message: "choose the attack or event this date belongs to",
      path: "target",
    };
  const { words: _, derivedFrom, ...rest } = s.record;
  const date: FuzzyDate = derivedFrom ? { ...rest, derivedFrom: quote } : { ...rest, words: quote };
  const citations = Array.isArray(record.citations) ? (record.citations as Citation[]) : [];
  const sentence =
    s.sentence.includes(quote) && article.text.includes(s.sentence) ? s.sentence : quote;
  const cited = citations.some((c) => c.quote.includes(quote))
    ? citations
    : [...citations, { article: article.id, quote: sentence }];
  return { ok: true, kind, record: { ...record, date, citations: cited }, before: record };
}

/** Where an accepted suggestion's record goes: a value into its figure group, or a new record. */
function placeSuggestion(
  files: DraftFiles,
  s: Suggestion,
  quote: string,
  asOf: FuzzyDate | undefined,
): Placed {
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
  } as const;
  if (s.kind === "date") return { ok: false, message: "a date fills an attack's or event's date" };
  const kind = kinds[s.kind];
  // A value no group fits comes with a new group to hold it.
  const proposed = s.kind === "figure-value" ? s.group : s.record;
  const record = requote(proposed, s.quote, quote) as RecordJson | undefined;
  if (typeof record?.id !== "string")
    return { ok: false, message: "this suggestion has no record to add: add it by hand" };
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
