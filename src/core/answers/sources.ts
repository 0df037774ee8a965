import { outletName } from "../corpus/outlet.ts";
import type { LoadedArticle } from "../corpus/types.ts";
import { citationBook, field, item, okReply, type ReplyContext, section } from "../reply/build.ts";
import type { Reply } from "../reply/schema.ts";
import { formatFuzzyDate } from "../text/dates.ts";
import { lookUp } from "./look-up.ts";
import { articleOut } from "./record-data.ts";

function languageLine(a: LoadedArticle): string {
  return a.translatedFrom
    ? `${a.language}, machine-translated from ${a.translatedFrom}`
    : a.language;
}

export function sourcesAnswer(ctx: ReplyContext): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const items = corpus.articles.map((a) =>
    item(
      `${outletName(a)}: ${a.title} (${formatFuzzyDate(a.published)}; ${languageLine(a)}) [${a.id}]`,
    ),
  );
  return okReply(
    ctx,
    {
      kind: "sources",
      title: "Articles in the corpus",
      summary: `${corpus.articles.length} articles. Dates marked estimated are not stated in the text; "source <id>" gives the reason.`,
      fields: [],
      sections: [section("Articles", items)],
      data: { kind: "sources", articles: corpus.articles.map(articleOut) },
    },
    citationBook(corpus),
    corpus.articles.slice(0, 3).map((a) => ({ label: outletName(a), command: `source ${a.id}` })),
  );
}

export function sourceAnswer(ctx: ReplyContext, query: string): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const found = lookUp(ctx, snapshot.names.articles, query, ["article", "articles"], "source");
  if ("reply" in found) return found.reply;
  const a = corpus.articleById.get(found.id);
  if (!a) throw new Error(`index names unknown article ${found.id}`);
  const published = a.published.reason
    ? `${formatFuzzyDate(a.published)}: ${a.published.reason}`
    : formatFuzzyDate(a.published);
  const fields = [
    field(
      "Outlet",
      a.outletConfidence === "certain" ? a.outlet : `${a.outlet} (likely: ${a.outletEvidence})`,
    ),
    field(
      "Title",
      a.titleSource === "editorial" ? `${a.title} (descriptive title; the text has none)` : a.title,
    ),
    field("Author", a.author ?? "not named"),
    field("Published", published),
    field("Language", languageLine(a)),
    field("URL", a.url ?? "not known"),
    field("Original file", a.originalFile),
    field("SHA-256 of raw text", a.sha256),
    field("Id", a.id),
  ];
  const removals = a.removals.map((r) =>
    item(
      r.kind === "exact"
        ? `Removed "${r.text}": ${r.reason}`
        : `Removed everything from "${r.from}" on: ${r.reason}`,
    ),
  );
  return okReply(
    ctx,
    {
      kind: "source",
      title: a.title,
      summary: `How the source was identified: ${a.outletEvidence}.`,
      fields,
      sections: [
        removals.length > 0
          ? section("Cleaned out of the raw text", removals)
          : section("Cleaned out of the raw text", [item("Nothing: the raw text is the body.")]),
      ],
      data: {
        kind: "source",
        article: {
          ...articleOut(a),
          originalFile: a.originalFile,
          sha256: a.sha256,
          removals: removals.map((r) => r.text),
        },
      },
    },
    citationBook(corpus),
    [{ label: `Search ${a.outlet}`, command: `search ${a.outlet}` }],
  );
}
