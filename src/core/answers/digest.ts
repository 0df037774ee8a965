import { outletName } from "../corpus/outlet.ts";
import type { Attack, FigureGroup } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { sourcedValues } from "../figures/format.ts";
import { inConflict } from "../figures/verdict.ts";
import { citationBook, item, okReply, type ReplyContext, sectionOf } from "../reply/build.ts";
import type { Reply } from "../reply/schema.ts";
import { articlesNaming, type CorpusSnapshot } from "../snapshot.ts";
import { formatFuzzyDate, formatWhen, isSpan } from "../text/dates.ts";
import { foldText } from "../text/normalize.ts";
import { eventLine } from "./event-line.ts";

/**
 * Every record a digest can report as new, as stable keys. A channel's last digest remembers the
 * keys of the corpus version it was built from; the next one reports the difference.
 */
export function corpusKeys(corpus: Corpus): string[] {
  return [
    ...corpus.articles.map((a) => `article:${a.id}`),
    ...corpus.actors.map((a) => `actor:${a.id}`),
    ...corpus.attacks.map((a) => `attack:${a.id}`),
    ...corpus.events.map((e) => `event:${e.id}`),
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

function topicFilter(snapshot: CorpusSnapshot, topic: string | undefined): TopicFilter | null {
  if (!topic) return null;
  const found = snapshot.names.actors.resolve(topic);
  if (found.kind === "found") {
    return { label: snapshot.corpus.actorById.get(found.id)?.name ?? topic, actorId: found.id };
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
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const book = citationBook(corpus);
  const filter = topicFilter(snapshot, input.topic);
  const first = input.previousKeys === null;
  const isNew = (key: string) => input.previousKeys === null || !input.previousKeys.has(key);
  // A first digest introduces the corpus rather than listing every record as new, so only what it
  // shows is cited.
  const changed = (key: string) => !first && isNew(key);

  const actorsOf = (a: Attack) => a.perpetrators.map((p) => p.actor);
  const aboutTopic = (g: FigureGroup) =>
    matches(filter, g.about.actors, `${g.measure} ${g.topics.join(" ")}`);

  // Word topics match the articles whose text has the words, found through the search index.
  const named = new Set(
    filter?.words !== undefined && input.topic
      ? articlesNaming(corpus, snapshot.search, [input.topic])
      : [],
  );
  const newArticles = corpus.articles
    .filter((a) => isNew(`article:${a.id}`))
    .filter(
      (a) =>
        !filter ||
        (filter.actorId
          ? snapshot.mentionsOf(filter.actorId).includes(a.id)
          : named.has(a.id) || foldText(a.title).includes(filter.words ?? "")),
    );
  const newAttacks = corpus.attacks.filter(
    (a) => changed(`attack:${a.id}`) && matches(filter, actorsOf(a), `${a.name} ${a.summary}`),
  );
  const newEvents = corpus.events.filter(
    (e) =>
      changed(`event:${e.id}`) &&
      matches(
        filter,
        e.actors.map((a) => a.actor),
        `${e.name} ${e.summary}`,
      ),
  );
  const newValues = corpus.figures.flatMap((g) =>
    aboutTopic(g)
      ? g.values
          .filter((v) => changed(`figure:${g.id}:${v.citation.article}:${v.text}`))
          .map((v) => ({ group: g, value: v }))
      : [],
  );
  const newFacts = [...corpus.actors, ...corpus.attacks].reduce(
    (n, r) =>
      n +
      r.facts.filter(
        (f) =>
          isNew(`fact:${r.id}:${f.text}`) &&
          matches(filter, "perpetrators" in r ? actorsOf(r) : [r.id], f.text),
      ).length,
    0,
  );

  const [year, monthDay] = [Number(input.date.slice(0, 4)), input.date.slice(5)];
  // Only a day-precise date has a day to fall on; a span or a month has none.
  const anniversaries = corpus.attacks.flatMap((a) => {
    const day = isSpan(a.date) || a.date.precision !== "day" ? null : a.date;
    return day &&
      day.value.slice(5) === monthDay &&
      Number(day.value.slice(0, 4)) < year &&
      matches(filter, actorsOf(a), `${a.name} ${a.summary}`)
      ? [{ attack: a, day }]
      : [];
  });
  const onThisDay = () =>
    sectionOf("On this day", anniversaries, ({ attack: a, day }) => {
      const years = year - Number(day.value.slice(0, 4));
      const derived = day.derivedFrom ? ` (date derived from “${day.derivedFrom}”)` : "";
      return item(
        `${years} year${years === 1 ? "" : "s"} ago today: ${a.name}${derived}`,
        book.citeAll(a.citations.slice(0, 1)),
      );
    });
  const disputed = corpus.figures.filter((g) => inConflict(corpus, g) && aboutTopic(g));

  const somethingNew =
    newArticles.length + newAttacks.length + newEvents.length + newValues.length + newFacts > 0;
  const title = `Factdesk digest, ${input.date}${filter ? `: ${filter.label}` : ""}`;
  if (!somethingNew && input.previousKeys !== null) {
    return okReply(
      ctx,
      {
        kind: "digest",
        title,
        summary: `Nothing new in the corpus since the last digest. ${disputed.length} disputed figure${disputed.length === 1 ? "" : "s"} unchanged ("disputes" lists them).`,
        fields: [],
        sections: anniversaries.length > 0 ? [onThisDay()] : [],
        disputed: false,
      },
      book,
    );
  }
  const summary =
    input.previousKeys === null
      ? `First digest for this channel. The corpus holds ${corpus.articles.length} articles, ${corpus.actors.length} actors, ${corpus.attacks.length} attacks and plots, ${corpus.events.length} events and ${corpus.figures.length} figures.`
      : `New since the last digest: ${newArticles.length} article${newArticles.length === 1 ? "" : "s"}, ${newAttacks.length} attack${newAttacks.length === 1 ? "" : "s"} or plot${newAttacks.length === 1 ? "" : "s"}, ${newEvents.length} event${newEvents.length === 1 ? "" : "s"}, ${newValues.length} figure value${newValues.length === 1 ? "" : "s"}, ${newFacts} fact${newFacts === 1 ? "" : "s"}.`;
  const sections = [
    sectionOf(
      "New articles",
      newArticles,
      (a) => item(`${outletName(a)}: ${a.title} (${formatFuzzyDate(a.published)})`),
      10,
    ),
    sectionOf(
      "New attacks and plots",
      newAttacks,
      (a) => item(`${formatWhen(a.date)}: ${a.name}`, book.citeAll(a.citations.slice(0, 1))),
      10,
    ),
    sectionOf(
      "New events",
      newEvents,
      (e) => item(eventLine(e), book.citeAll(e.citations.slice(0, 1))),
      10,
    ),
    sectionOf(
      "New figures",
      newValues,
      ({ group, value }) => item(`${group.measure}: ${value.text}`, [book.cite(value.citation)]),
      10,
    ),
    onThisDay(),
    sectionOf(
      "Disputed figures",
      disputed,
      (g) =>
        item(
          `${g.measure}: ${sourcedValues(corpus, g)}`,
          book.citeAll(g.values.map((v) => v.citation)),
          {
            disputed: true,
          },
        ),
      10,
    ),
  ].filter((s) => s.items.length > 0);
  return okReply(ctx, { kind: "digest", title, summary, fields: [], sections }, book, [
    { label: "All disputed figures", command: "disputes" },
  ]);
}
