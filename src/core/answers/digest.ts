import { z } from "zod";
import { revisionText, type Statement } from "../changes.ts";
import { outletName } from "../corpus/outlet.ts";
import type { Attack, FigureGroup } from "../corpus/schema.ts";
import { sourcedValues } from "../figures/format.ts";
import { articlesNaming } from "../mentions.ts";
import { citationBook, item, okReply, type ReplyContext, sectionOf } from "../reply/build.ts";
import type { Reply } from "../reply/schema.ts";
import { statementIdsStoodOn } from "../reply/statements.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { formatFuzzyDate, formatWhen, isSpan } from "../text/dates.ts";
import { foldText } from "../text/normalize.ts";
import { plural } from "../text/plural.ts";
import { digestData } from "./digest-data.ts";
import { eventLine } from "./event-line.ts";

/**
 * Every record a digest can report as new, as stable keys. A channel's last digest remembers the
 * keys of the corpus version it was built from; the next one reports the difference. A statement's
 * key carries its fingerprint, so a reworded one reads as revised rather than as new.
 */
export function corpusKeys(snapshot: CorpusSnapshot): string[] {
  const { corpus } = snapshot;
  return [
    ...corpus.articles.map((a) => `article:${a.id}`),
    ...corpus.actors.map((a) => `actor:${a.id}`),
    ...corpus.attacks.map((a) => `attack:${a.id}`),
    ...[...snapshot.statements().values()].map((st) => `statement:${st.id}:${st.fingerprint}`),
    ...corpus.events.map((e) => `event:${e.id}`),
  ];
}

/** What a channel was told of a statement: a later revision or withdrawal of it is a correction. */
export const ShownStatement = z.object({
  fingerprint: z.string(),
  text: z.string(),
  /** The message that showed it (a digest, a shared answer): its correction replies there. */
  message: z.string().optional(),
});
export type ShownStatement = z.infer<typeof ShownStatement>;
export type ShownStatements = Readonly<Record<string, ShownStatement>>;

/** Enough for years of digests (and per channel for shared answers); the oldest are forgotten first. */
export const SHOWN_KEPT = 2000;

export interface DigestInput {
  /** An actor's name, or words the digest's items must contain. */
  topic?: string;
  /** Keys of the corpus at the channel's last digest; null before its first. */
  previousKeys: ReadonlySet<string> | null;
  /** The statements the channel's digests have shown, as they were shown. */
  shown?: ShownStatements;
  /** The slot's date in the channel's time zone, YYYY-MM-DD: anniversaries fall on it. */
  date: string;
}

/** A digest, which shown statements it corrects, and which it shows. */
export interface BuiltDigest {
  reply: Reply;
  corrected: string[];
  showed: Record<string, ShownStatement>;
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

const NONE: ReadonlySet<string> = new Set();

/**
 * Word topics' articles, per snapshot: every channel on a topic asks for the same, and finding
 * them reads the text of each article whose passages have the words, which a serving process
 * holds packed. The topics most recently asked for are kept.
 */
const topicsBySnapshot = new WeakMap<CorpusSnapshot, Map<string, ReadonlySet<string>>>();
const TOPICS_KEPT = 64;

/** The articles whose text has the topic's words, found through the search index. */
function articlesOnTopic(snapshot: CorpusSnapshot, topic: string): ReadonlySet<string> {
  let kept = topicsBySnapshot.get(snapshot);
  if (!kept) {
    kept = new Map();
    topicsBySnapshot.set(snapshot, kept);
  }
  let named = kept.get(topic);
  if (!named) {
    named = new Set(articlesNaming(snapshot.corpus, snapshot.search, [topic]));
    kept.set(topic, named);
    if (kept.size > TOPICS_KEPT) kept.delete(kept.keys().next().value as string);
  }
  return named;
}

/** The fingerprint of each statement in a version's keys. */
function fingerprints(keys: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  for (const key of keys) {
    if (!key.startsWith("statement:")) continue;
    const cut = key.lastIndexOf(":");
    found.set(key.slice("statement:".length, cut), key.slice(cut + 1));
  }
  return found;
}

/**
 * The digest for one channel at one slot: corrections of what it was shown, what is new or revised,
 * what is disputed, what falls on the date.
 */
export function digestAnswer(ctx: ReplyContext, input: DigestInput): BuiltDigest {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const book = citationBook(corpus);
  const filter = topicFilter(snapshot, input.topic);
  const first = input.previousKeys === null;
  const isNew = (key: string) => input.previousKeys === null || !input.previousKeys.has(key);
  const statements = snapshot.statements();
  const before = input.previousKeys ? fingerprints(input.previousKeys) : new Map<string, string>();
  const shownBefore = input.shown ?? {};

  const actorsOf = (a: Attack) => a.perpetrators.map((p) => p.actor);
  const aboutTopic = (g: FigureGroup) =>
    matches(filter, g.about.actors, `${g.measure} ${g.topics.join(" ")}`);
  const onTopic = (st: Statement) => matches(filter, st.actors, st.text);

  const named =
    filter?.words !== undefined && input.topic ? articlesOnTopic(snapshot, input.topic) : NONE;
  const newArticles = corpus.articles
    .filter((a) => isNew(`article:${a.id}`))
    .filter(
      (a) =>
        !filter ||
        (filter.actorId
          ? snapshot.mentionsOf(filter.actorId).includes(a.id)
          : named.has(a.id) || foldText(a.title).includes(filter.words ?? "")),
    );
  // A first digest introduces the corpus rather than listing every record as new.
  const newAttacks = first
    ? []
    : corpus.attacks.filter(
        (a) => isNew(`attack:${a.id}`) && matches(filter, actorsOf(a), `${a.name} ${a.summary}`),
      );

  const newEvents = first
    ? []
    : corpus.events.filter(
        (e) =>
          isNew(`event:${e.id}`) &&
          matches(
            filter,
            e.actors.map((a) => a.actor),
            `${e.name} ${e.summary}`,
          ),
      );
  // What the channel was shown and has since been revised or withdrawn: told first, once.
  const corrections = staleShown(snapshot, shownBefore).map((id) => ({
    id,
    was: shownBefore[id] as ShownStatement,
    now: statements.get(id),
  }));
  const corrected = new Set(corrections.map((c) => c.id));
  const added: Statement[] = [];
  const revised: Statement[] = [];
  if (!first) {
    for (const st of statements.values()) {
      if (corrected.has(st.id) || !onTopic(st)) continue;
      const was = before.get(st.id);
      if (was === undefined) added.push(st);
      else if (was !== st.fingerprint) revised.push(st);
    }
  }
  const withdrawn = first
    ? 0
    : [...before.keys()].filter((id) => !statements.has(id) && !corrected.has(id)).length;

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
  const disputed = corpus.figures.filter(
    (g) => snapshot.judgementOf(g).verdict === "conflict" && aboutTopic(g),
  );

  const LISTED = 10;
  const shownNow: Statement[] = [
    ...corrections.flatMap((c) => (c.now ? [c.now] : [])),
    ...added.slice(0, LISTED),
    ...revised.slice(0, LISTED),
  ];
  const correctionsSection = sectionOf("Corrections", corrections, ({ was, now }) =>
    correctionItem(snapshot, book, was, now),
  );
  const title = `Factdesk digest, ${input.date}${filter ? `: ${filter.label}` : ""}`;
  const somethingNew =
    corrections.length +
      newArticles.length +
      newAttacks.length +
      newEvents.length +
      added.length +
      revised.length >
    0;
  const data = digestData(input.date, {
    articles: newArticles,
    attacks: newAttacks,
    events: newEvents,
    statements: [...corrections, ...added, ...revised],
    anniversaries: anniversaries.map((a) => a.attack),
    disputedFigures: disputed,
  });
  let reply: Reply;
  if (!somethingNew && !first) {
    reply = okReply(
      ctx,
      {
        kind: "digest",
        title,
        summary: `Nothing new in the corpus since the last digest. ${plural(disputed.length, "disputed figure")} unchanged ("disputes" lists them).`,
        fields: [],
        sections: anniversaries.length > 0 ? [onThisDay()] : [],
        disputed: false,
        data,
      },
      book,
    );
  } else {
    const disputedValues = disputed.flatMap((g) =>
      g.values.flatMap((v) => statements.get(v.id) ?? []),
    );
    shownNow.push(...disputedValues);
    const summary = first
      ? `First digest for this channel. The corpus holds ${plural(corpus.articles.length, "article")}, ${plural(corpus.actors.length, "actor")}, ${corpus.attacks.length} attacks and plots, ${plural(corpus.events.length, "event")} and ${plural(corpus.figures.length, "figure")}.`
      : `${corrections.length > 0 ? `${plural(corrections.length, "correction")} to earlier digests. ` : ""}Since the last digest: ${plural(newArticles.length, "new article")}, ${newAttacks.length} new attacks or plots, ${plural(newEvents.length, "new event")}, ${plural(added.length, "new statement")}, ${plural(revised.length, "revised statement")}${withdrawn > 0 ? `, ${withdrawn} withdrawn` : ""}.`;
    const sections = [
      correctionsSection,
      sectionOf(
        "New articles",
        newArticles,
        (a) => item(`${outletName(a)}: ${a.title} (${formatFuzzyDate(a.published)})`),
        LISTED,
      ),
      sectionOf(
        "New attacks and plots",
        newAttacks,
        (a) => item(`${formatWhen(a.date)}: ${a.name}`, book.citeAll(a.citations.slice(0, 1))),
        LISTED,
      ),
      sectionOf(
        "New events",
        newEvents,
        (e) => item(eventLine(e), book.citeAll(e.citations.slice(0, 1))),
        LISTED,
      ),
      sectionOf("New", added, (st) => item(st.text, book.citeAll(st.citations)), LISTED),
      sectionOf("Revised", revised, (st) => item(st.text, book.citeAll(st.citations)), LISTED),
      onThisDay(),
      sectionOf(
        "Disputed figures",
        disputed,
        (g) =>
          item(
            `${g.measure}: ${sourcedValues(corpus, g)}`,
            book.citeAll(g.values.map((v) => v.citation)),
            { disputed: true },
          ),
        LISTED,
      ),
    ].filter((s) => s.items.length > 0);
    reply = okReply(ctx, { kind: "digest", title, summary, fields: [], sections, data }, book, [
      { label: "All disputed figures", command: "disputes" },
    ]);
  }

  return {
    reply,
    corrected: [...corrected],
    showed: Object.fromEntries(
      shownNow.map((st) => [st.id, { fingerprint: st.fingerprint, text: st.text }]),
    ),
  };
}

/** One correction: what was said, what it is now or that it was withdrawn, and why. */
function correctionItem(
  snapshot: CorpusSnapshot,
  book: ReturnType<typeof citationBook>,
  was: ShownStatement,
  now: Statement | undefined,
) {
  const why = now?.correction ?? snapshot.release?.note;
  const text = `${now ? "Corrected" : "Withdrawn"}: ${revisionText(was.text, now, why)}`;
  return item(text, now ? book.citeAll(now.citations) : []);
}

/**
 * A reply in the thread of the message that showed `ids`: what changed since, and why. `alone`: a
 * message of its own in the channel, that message having been deleted.
 */
export function correctionAnswer(
  ctx: ReplyContext,
  shown: ShownStatements,
  ids: readonly string[],
  alone = false,
): Reply {
  const { snapshot } = ctx;
  const book = citationBook(snapshot.corpus);
  const statements = snapshot.statements();
  const told = ids.flatMap((id) => {
    const was = shown[id];
    return was ? [{ id, was, now: statements.get(id) }] : [];
  });
  return okReply(
    ctx,
    {
      kind: "digest",
      title: "Correction",
      summary: alone
        ? `${plural(told.length, "statement")} Factdesk posted in this channel changed in the corpus since; the message that showed ${told.length === 1 ? "it" : "them"} was deleted.`
        : `${plural(told.length, "statement")} in this message changed in the corpus since it was posted.`,
      fields: [],
      sections: [
        sectionOf("Corrections", told, ({ was, now }) => correctionItem(snapshot, book, was, now)),
      ],
      // Dated by the publish that made the correction: the statements it corrects, nothing new.
      data: digestData(snapshot.release?.publishedAt.slice(0, 10) ?? "", {
        articles: [],
        attacks: [],
        events: [],
        statements: told.map(({ id }) => ({ id })),
        anniversaries: [],
        disputedFigures: [],
      }),
    },
    book,
  );
}

/**
 * The stale statements a channel was shown, grouped by the message that showed them, each group
 * in id order; statements with no message (shown before messages were recorded, or their message
 * was deleted) are left to unthreadedStale.
 */
export function correctionGroups(
  snapshot: CorpusSnapshot,
  shown: ShownStatements,
): Array<{ message: string; ids: string[] }> {
  const groups = new Map<string, string[]>();
  for (const id of staleShown(snapshot, shown)) {
    const message = shown[id]?.message;
    if (message) groups.set(message, [...(groups.get(message) ?? []), id]);
  }
  return [...groups].map(([message, ids]) => ({ message, ids }));
}

/**
 * The stale statements a channel was shown with no message left to reply to (it was deleted), in
 * id order: told in a message of their own, except those `coming` holds (the record of an active
 * subscription's digests), which its next digest opens with.
 */
export function unthreadedStale(
  snapshot: CorpusSnapshot,
  shown: ShownStatements,
  coming: ShownStatements,
): string[] {
  return staleShown(snapshot, shown).filter((id) => !shown[id]?.message && !coming[id]);
}

/**
 * A channel's digest record once the message `gone` that showed `ids` is found deleted: each of
 * them that `from` holds tied to that message is kept with no message to reply to. `from` is the
 * digest record itself, or everything the channel was shown when its next digest is to tell them.
 */
export function shownWithoutMessage(
  digests: ShownStatements,
  from: ShownStatements,
  ids: readonly string[],
  gone: string,
): Record<string, ShownStatement> {
  const kept: Record<string, ShownStatement> = { ...digests };
  for (const id of ids) {
    const held = from[id];
    if (held?.message !== gone) continue;
    const { message: _, ...rest } = held;
    kept[id] = rest;
  }
  return kept;
}

/**
 * What a channel has been shown once a digest is posted as `message`: what it showed, newest last,
 * and what it was shown before and not corrected now (a withdrawn statement, once told, is forgotten).
 */
export function rememberShown(
  before: ShownStatements,
  digest: Pick<BuiltDigest, "corrected" | "showed">,
  message?: string,
): Record<string, ShownStatement> {
  const corrected = new Set(digest.corrected);
  const kept = Object.entries(before).filter(([id]) => !corrected.has(id) && !digest.showed[id]);
  const showed = Object.entries(digest.showed).map(
    ([id, st]) => [id, message ? { ...st, message } : st] as const,
  );
  const all = [...kept, ...showed];
  return Object.fromEntries(all.slice(Math.max(0, all.length - SHOWN_KEPT)));
}

/**
 * What a channel has been shown once a correction of `ids` is posted: the revised ones as they read
 * now, still tied to the message that showed them (a later correction replies there too); the
 * withdrawn ones forgotten.
 */
export function shownAfterCorrection(
  snapshot: CorpusSnapshot,
  before: ShownStatements,
  ids: readonly string[],
): Record<string, ShownStatement> {
  const statements = snapshot.statements();
  const corrected = new Set(ids);
  return Object.fromEntries(
    Object.entries(before).flatMap(([id, was]) => {
      if (!corrected.has(id)) return [[id, was]];
      const now = statements.get(id);
      return now ? [[id, { ...was, fingerprint: now.fingerprint, text: now.text }]] : [];
    }),
  );
}

/**
 * What a reply shows of the corpus, as a channel it is shared to remembers it: each statement it
 * stands on, worded as in the version it was answered from, so a later revision is a correction.
 */
export function statementsShown(
  snapshot: CorpusSnapshot,
  reply: Reply,
): Record<string, ShownStatement> {
  const statements = snapshot.statements();
  return Object.fromEntries(
    statementIdsStoodOn(reply).flatMap((id) => {
      const st = statements.get(id);
      return st ? [[id, { fingerprint: st.fingerprint, text: st.text }]] : [];
    }),
  );
}

/**
 * What a channel has been shown by its digests and its shared answers together, so a statement
 * both showed is told once. One a digest showed as it reads now is settled; otherwise a shared
 * answer's record (a message to reply to) stands for the channel.
 */
export function channelShown(
  snapshot: CorpusSnapshot,
  digests: ShownStatements,
  shares: ShownStatements,
): Record<string, ShownStatement> {
  const statements = snapshot.statements();
  const merged: Record<string, ShownStatement> = { ...digests };
  for (const [id, shared] of Object.entries(shares)) {
    const digest = digests[id];
    if (!digest || digest.fingerprint !== statements.get(id)?.fingerprint) merged[id] = shared;
  }
  return merged;
}

/** A change to a channel's shared answers' record: a statement reworded (`to`) or forgotten. */
export interface ShownFix {
  id: string;
  /** The fingerprint the record must still hold for the change to apply. */
  from: string;
  to?: { fingerprint: string; text: string };
}

/**
 * How a correction of `ids` changes a channel's shared answers' record: a revised statement is
 * remembered as it reads now (still tied to its message), a withdrawn one is forgotten. Each
 * change applies only while the record still holds the wording the correction told of.
 */
export function sharesAfterCorrection(
  snapshot: CorpusSnapshot,
  shares: ShownStatements,
  ids: readonly string[],
): ShownFix[] {
  const statements = snapshot.statements();
  return ids.flatMap((id) => {
    const was = shares[id];
    const now = statements.get(id);
    if (!was || now?.fingerprint === was.fingerprint) return [];
    return [
      {
        id,
        from: was.fingerprint,
        ...(now ? { to: { fingerprint: now.fingerprint, text: now.text } } : {}),
      },
    ];
  });
}

/**
 * The statements a channel was shown that a version has since revised or withdrawn: equal for two
 * channels exactly when their digests' corrections are, so digests can be shared between them.
 */
export function staleShown(snapshot: CorpusSnapshot, shown: ShownStatements): string[] {
  const statements = snapshot.statements();
  return Object.entries(shown)
    .filter(([id, was]) => statements.get(id)?.fingerprint !== was.fingerprint)
    .map(([id]) => id)
    .sort();
}
