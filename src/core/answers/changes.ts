import { type CorpusChanges, noChanges, revisionText, type Statement } from "../changes.ts";
import { outletName } from "../corpus/outlet.ts";
import type { Citation } from "../corpus/schema.ts";
import {
  citationBook,
  field,
  item,
  okReply,
  type ReplyContext,
  sectionOf,
} from "../reply/build.ts";
import type { DataOf } from "../reply/data-schema.ts";
import type { Reply } from "../reply/schema.ts";
import { formatFuzzyDate } from "../text/dates.ts";
import { plural } from "../text/plural.ts";

/** A published version as people read it, with why it was published. */
export interface PublishedLabel {
  /** "corpus v12 · published 12 Apr 2024 14:05" */
  label: string;
  note: string;
  by: string;
}

export interface ChangesInput {
  /** The version compared against; null when the current one is the first. */
  since: PublishedLabel | null;
  /** Every publish after it, oldest first; the last is the version answering. */
  publishes: readonly PublishedLabel[];
  changes: CorpusChanges | null;
}

const LISTED = 15;

const changed = (st: Statement) => ({ id: st.id, kind: st.kind, record: st.record, text: st.text });

/** What changed, by statement and article id; the counts of what the text lists in full. */
function changesData(
  since: PublishedLabel | null,
  publishes: readonly PublishedLabel[],
  changes: CorpusChanges | null,
): DataOf<"changes"> {
  return {
    kind: "changes",
    since: since?.label ?? null,
    added: changes?.added.map(changed) ?? [],
    revised:
      changes?.revised.map(({ before, after }) => ({
        before: changed(before),
        after: changed(after),
      })) ?? [],
    withdrawn: changes?.withdrawn.map(changed) ?? [],
    articlesAdded: changes?.articlesAdded.map((a) => a.id) ?? [],
    articlesWithdrawn: changes?.articlesWithdrawn.map((a) => a.id) ?? [],
    publishes: publishes.map(({ label, by, note }) => ({ label, by, note })),
  };
}

/** What the publishes since a version added, revised and withdrew, each with its citation. */
export function changesAnswer(ctx: ReplyContext, input: ChangesInput): Reply {
  const { corpus } = ctx.snapshot;
  const book = citationBook(corpus);
  const { changes, since } = input;
  if (!since || !changes) {
    return okReply(
      ctx,
      {
        kind: "changes",
        title: "What changed",
        summary:
          "This is the first published version of the corpus: there is no earlier one to compare it with.",
        fields: [],
        sections: [],
        data: changesData(null, input.publishes, null),
      },
      book,
    );
  }
  // An earlier version's quote is cited while its article is still in the corpus: the raw text is
  // hash-checked, so the quote still occurs in it.
  const citeOld = (cs: readonly Citation[]) =>
    book.citeAll(cs.filter((c) => corpus.articleById.has(c.article)));
  const counts = [
    plural(changes.articlesAdded.length, "new article"),
    plural(changes.added.length, "new statement"),
    plural(changes.revised.length, "revised statement"),
    plural(changes.withdrawn.length, "withdrawn statement"),
    ...(changes.articlesWithdrawn.length > 0
      ? [plural(changes.articlesWithdrawn.length, "withdrawn article")]
      : []),
  ];
  const nothing = noChanges(changes);
  const summary =
    input.publishes.length === 0
      ? `No version has been published since ${since.label}.`
      : nothing
        ? `Nothing a reader sees changed since ${since.label} (${plural(input.publishes.length, "version")} published since).`
        : `Since ${since.label}: ${counts.join(", ")}.`;
  const sections = [
    sectionOf(
      "Revised",
      changes.revised,
      ({ before, after }) =>
        item(revisionText(before.text, after, after.correction), [
          ...citeOld(before.citations),
          ...book.citeAll(after.citations),
        ]),
      LISTED,
    ),
    sectionOf(
      "Withdrawn",
      changes.withdrawn,
      (st) => item(revisionText(st.text, undefined), citeOld(st.citations)),
      LISTED,
    ),
    sectionOf(
      "New articles",
      changes.articlesAdded,
      (a) => item(`${outletName(a)}: ${a.title} (${formatFuzzyDate(a.published)})`),
      LISTED,
    ),
    sectionOf("New", changes.added, (st) => item(st.text, book.citeAll(st.citations)), LISTED),
    sectionOf(
      "Articles withdrawn",
      changes.articlesWithdrawn,
      (a) => item(`${outletName(a)}: ${a.title}`),
      LISTED,
    ),
    sectionOf(
      "Published",
      input.publishes,
      (p) => item(`${p.label} by ${p.by}${p.note ? `: ${p.note}` : ""}`),
      LISTED,
    ),
  ].filter((s) => s.items.length > 0);
  return okReply(
    ctx,
    {
      kind: "changes",
      title: `What changed since ${since.label}`,
      summary,
      fields: [field("Compared with", since.label)],
      sections,
      data: changesData(since, input.publishes, changes),
    },
    book,
  );
}
