import { citationBook, item, okReply, type ReplyContext, section } from "../answer/build.ts";
import { formatFuzzyDate } from "../answer/date.ts";
import type { Item, Reply } from "../answer/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { isDisputed } from "../figures/dispute.ts";
import { sourcedValues } from "../figures/format.ts";
import { indexesOf } from "../indexes.ts";
import { foldText } from "../text/normalize.ts";

/**
 * Every record a digest can report as new, as stable keys. A channel's last digest remembers the
 * keys of the corpus version it was built from; the next one reports the difference.
 */
export function corpusKeys(corpus: Corpus): string[] {
  return [
    ...corpus.articles.map((a) => `article:${a.id}`),
    ...corpus.actors.map((a) => `actor:${a.id}`),
    ...corpus.attacks.map((a) => `attack:${a.id}`),
    ...corpus.figures.flatMap((g) =>
      g.values.map((v) => `figure:${g.id}:${v.citation.article}:${v.text}`),
    ),
    ...[...corpus.actors, ...corpus.attacks].flatMap((r) =>
      r.facts.map((f) => `fact:${r.id}:${f.text}`),
    ),
  ];
}

export interface DigestInput {
  /** An actor's name, or words the digest's items must contain. */
  topic?: string;
  /** Keys of the corpus at the channel's last digest; null before its first. */
  previousKeys: ReadonlySet<string> | null;
  /** The slot's date in the channel's time zone, YYYY-MM-DD: anniversaries fall on it. */
  date: string;
}

interface TopicFilter {
  label: string;
  actorId?: string;
  words?: string;
}

function topicFilter(corpus: Corpus, topic: string | undefined): TopicFilter | null {
  if (!topic) return null;
  const found = indexesOf(corpus).actors.resolve(topic);
  if (found.kind === "found") {
    return { label: corpus.actor.get(found.id)?.name ?? topic, actorId: found.id };
  }
  return { label: topic, words: foldText(topic) };
}

function matches(filter: TopicFilter | null, actorIds: readonly string[], text: string): boolean {
  if (!filter) return true;
  if (filter.actorId) return actorIds.includes(filter.actorId);
  return foldText(text).includes(filter.words ?? "");
}

/** The digest for one channel at one slot: what is new, what is disputed, what falls on the date. */
export function digestAnswer(ctx: ReplyContext, input: DigestInput): Reply {
  const { corpus } = ctx;
  const book = citationBook(corpus);
  const filter = topicFilter(corpus, input.topic);
  const isNew = (key: string) => input.previousKeys === null || !input.previousKeys.has(key);

  const newArticles = corpus.articles
    .filter((a) => isNew(`article:${a.id}`))
    .filter(
      (a) =>
        !filter ||
        (filter.actorId
          ? indexesOf(corpus).mentionsOf(filter.actorId).includes(a.id)
          : matches(filter, [], `${a.title} ${a.text}`)),
    )
    .map((a) => item(`${a.outlet}: ${a.title} (${formatFuzzyDate(a.published)})`));
  const newAttacks = corpus.attacks
    .filter(
      (a) =>
        isNew(`attack:${a.id}`) &&
        matches(
          filter,
          a.perpetrators.map((p) => p.actor),
          `${a.name} ${a.summary}`,
        ),
    )
    .map((a) =>
      item(`${formatFuzzyDate(a.date)}: ${a.name}`, book.citeAll(a.citations.slice(0, 1))),
    );
  const newValues = corpus.figures.flatMap((g) =>
    g.values
      .filter((v) => isNew(`figure:${g.id}:${v.citation.article}:${v.text}`))
      .filter(() => matches(filter, g.about.actors, `${g.measure} ${g.topics.join(" ")}`))
      .map((v) => item(`${g.measure}: ${v.text}`, [book.cite(v.citation)])),
  );
  const newFacts = [...corpus.actors, ...corpus.attacks].reduce(
    (n, r) =>
      n +
      r.facts.filter(
        (f) =>
          isNew(`fact:${r.id}:${f.text}`) &&
          matches(
            filter,
            "perpetrators" in r ? r.perpetrators.map((p) => p.actor) : [r.id],
            f.text,
          ),
      ).length,
    0,
  );

  const [year, monthDay] = [Number(input.date.slice(0, 4)), input.date.slice(5)];
  const anniversaries: Item[] = corpus.attacks
    .filter(
      (a) =>
        a.date.precision === "day" &&
        a.date.value.slice(5) === monthDay &&
        Number(a.date.value.slice(0, 4)) < year,
    )
    .filter((a) =>
      matches(
        filter,
        a.perpetrators.map((p) => p.actor),
        `${a.name} ${a.summary}`,
      ),
    )
    .map((a) => {
      const years = year - Number(a.date.value.slice(0, 4));
      return item(
        `${years} year${years === 1 ? "" : "s"} ago today: ${a.name}`,
        book.citeAll(a.citations.slice(0, 1)),
      );
    });

  const disputed = corpus.figures
    .filter(
      (g) => isDisputed(g) && matches(filter, g.about.actors, `${g.measure} ${g.topics.join(" ")}`),
    )
    .map((g) =>
      item(
        `${g.measure}: ${sourcedValues(corpus, g)}`,
        book.citeAll(g.values.map((v) => v.citation)),
        {
          disputed: true,
        },
      ),
    );

  const somethingNew = newArticles.length + newAttacks.length + newValues.length + newFacts > 0;
  const title = `Factdesk digest, ${input.date}${filter ? `: ${filter.label}` : ""}`;
  if (!somethingNew && input.previousKeys !== null) {
    return okReply(
      ctx,
      {
        kind: "digest",
        title,
        summary: `Nothing new in the corpus since the last digest. ${disputed.length} disputed figure${disputed.length === 1 ? "" : "s"} unchanged ("disputes" lists them).`,
        fields: [],
        sections: anniversaries.length > 0 ? [section("On this day", anniversaries)] : [],
        disputed: false,
      },
      book,
    );
  }
  const summary =
    input.previousKeys === null
      ? `First digest for this channel. The corpus holds ${corpus.articles.length} articles, ${corpus.actors.length} actors, ${corpus.attacks.length} attacks and plots and ${corpus.figures.length} figures.`
      : `New since the last digest: ${newArticles.length} article${newArticles.length === 1 ? "" : "s"}, ${newAttacks.length} attack${newAttacks.length === 1 ? "" : "s"} or plot${newAttacks.length === 1 ? "" : "s"}, ${newValues.length} figure value${newValues.length === 1 ? "" : "s"}, ${newFacts} fact${newFacts === 1 ? "" : "s"}.`;
  const sections = [
    section("New articles", newArticles, 10),
    section("New attacks and plots", input.previousKeys === null ? [] : newAttacks, 10),
    section("New figures", input.previousKeys === null ? [] : newValues, 10),
    section("On this day", anniversaries),
    section("Disputed figures", disputed, 10),
  ].filter((s) => s.items.length > 0);
  return okReply(ctx, { kind: "digest", title, summary, fields: [], sections }, book, [
    { label: "All disputed figures", command: "disputes" },
  ]);
}
