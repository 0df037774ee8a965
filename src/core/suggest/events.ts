import type { Attack, Event, EventKind, FuzzyDate, Place } from "../corpus/schema.ts";
import type { LoadedArticle } from "../corpus/types.ts";
import { namesOf } from "../entries.ts";
import type { SentenceSpan } from "../text/sentences.ts";
import { citationQuote, type Mention } from "./actors.ts";
import type {
  AttackSuggestion,
  DateSuggestion,
  EventSuggestion,
  NewActorSuggestion,
} from "./types.ts";
import { foldWithOffsets, occurrencesOf, slug } from "./words.ts";

// A candidate attack or event is a sentence with one of these verbs, a place and a date: the
// curator names it and fills in who. Where the sentence names a known attack, or a known event
// of the same kind on the same date, it is suggested as that record instead of a new one; a
// sentence naming a known attack is about that attack, so it is no candidate for a new one.

type AttackKind = Attack["kinds"][number];

const ATTACK_VERBS: ReadonlyArray<[RegExp, AttackKind]> = [
  [/\bsuicide (?:bomb(?:ing|er)s?|attacks?)\b/i, "suicide-bombing"],
  [/\b(?:explosions?|exploded|blasts?|bomb(?:ing|ed|s)?)\b/i, "bombing"],
  [/\b(?:shooting|opened fire|shot dead|gunfire)\b/i, "shooting"],
  [/\b(?:hostages?)\b/i, "hostage-taking"],
  [/\b(?:set fire|arson)\b/i, "arson"],
  // "the attack" points back at one already named; "an attack on a church" is a new one.
  [/\b(?:attacked|stormed|massacre|an? (?:[\p{L}-]+ )?attack)\b/iu, "armed-assault"],
];
const FOILED = /\b(?:thwarted|foiled|prevented)\b/i;
const EVENT_VERBS: ReadonlyArray<[RegExp, EventKind]> = [
  [/\b(?:court|sentenced|trial)\b/i, "court-appearance"],
  [/\b(?:arrested|detained|arrests|detentions?)\b/i, "arrest"],
  [/\b(?:charged|indicted)\b/i, "court-appearance"],
  [/\bclaimed (?:responsibility|the attack)\b|\bclaim of responsibility\b/i, "statement"],
  [/\bwarn(?:ed|ing)\b/i, "warning"],
];

/** A site that names one place ("Crocus City Hall"), not any ("a church"). */
const namedSite = (r: Attack | Event) =>
  r.place.site && !/^(a|an|the)\s/i.test(r.place.site) ? [r.place.site] : [];

const within = (s: SentenceSpan, at: { start: number; end: number }) =>
  at.start >= s.start && at.end <= s.end;

/** Where the sentence happens: the first country or place it names. */
function placeOf(
  text: string,
  mentions: readonly Mention[],
  newPlaces: readonly NewActorSuggestion[],
): Place | null {
  const known = mentions.find((m) => m.actor.kind === "place" || m.actor.kind === "state");
  if (known) {
    const name = known.actor.name;
    return known.actor.kind === "state"
      ? { site: null, city: null, region: null, country: name }
      : { site: null, city: name, region: null, country: null };
  }
  const unknown = newPlaces.find((n) => n.record.kind === "place")?.quote ?? placeAfterIn(text);
  return unknown ? { site: null, city: unknown, region: null, country: null } : null;
}

const IN_PLACE = /\b(?:in|near)\s+([\p{Lu}][\p{L}-]+(?:\s[\p{Lu}][\p{L}-]+)*)/gu;
const CALENDAR =
  /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

/** "in Kandahar": a capitalised name after "in", not a month or a day. */
function placeAfterIn(text: string): string | null {
  for (const m of text.matchAll(IN_PLACE)) {
    if (!CALENDAR.test(m[1] as string)) return m[1] as string;
  }
  return null;
}

/** Candidate attacks and events, one per sentence at most. */
export function suggestAttacksAndEvents(
  article: LoadedArticle,
  sentences: readonly SentenceSpan[],
  context: {
    attacks: readonly Attack[];
    events: readonly Event[];
    mentions: readonly Mention[];
    dates: readonly DateSuggestion[];
    newActors: readonly NewActorSuggestion[];
  },
): Array<AttackSuggestion | EventSuggestion> {
  const out: Array<AttackSuggestion | EventSuggestion> = [];
  for (const sentence of sentences) {
    const date = context.dates.find((d) => within(sentence, d))?.record;
    const mentions = context.mentions.filter((m) => within(sentence, m));
    const place = placeOf(
      sentence.text,
      mentions,
      context.newActors.filter((n) => within(sentence, n)),
    );
    if (!date || !place) continue;
    const quote = citationQuote(article.text, sentence, sentence.start, sentence.end);
    const start = sentence.start + sentence.text.indexOf(quote);
    const found = {
      quote,
      start,
      end: start + quote.length,
      sentence: sentence.text,
      citations: [{ article: article.id, quote }],
    };
    const folded = foldWithOffsets(sentence.text);
    const namesKnown = (r: Attack | Event) =>
      [...namesOf(r), ...namedSite(r)].some((n) => occurrencesOf(folded, n).length > 0);
    const eventKind = EVENT_VERBS.find(([pattern]) => pattern.test(sentence.text))?.[1];
    const attackKind = ATTACK_VERBS.find(([pattern]) => pattern.test(sentence.text))?.[1];
    const knownAttack = context.attacks.find(namesKnown);
    if (eventKind) {
      const known = context.events.find(
        (e) => e.kind === eventKind && !("from" in e.date) && e.date.value === date.value,
      );
      const name = `${eventKind.replace("-", " ")} (${article.outlet}, ${date.value})`;
      out.push({
        kind: "event",
        id: `event-${found.start}-${found.end}`,
        quote: found.quote,
        start: found.start,
        end: found.end,
        sentence: found.sentence,
        confidence: known ? 0.7 : 0.45,
        record: {
          id: slug(`${eventKind}-${date.value}-${article.id}`),
          name: name[0]?.toUpperCase() + name.slice(1),
          nameReason: "suggested: the curator names it",
          aliases: [],
          editorAliases: [],
          kind: eventKind,
          date: date as FuzzyDate,
          place,
          actors: [...new Set(mentions.map((m) => m.actor.id))]
            .filter((id) => !mentions.some((m) => m.actor.id === id && m.actor.kind === "place"))
            .map((actor) => ({ actor, role: "actor" as const })),
          actorsText: [],
          attacks: knownAttack ? [knownAttack.id] : [],
          summary: found.sentence,
          citations: found.citations,
          facts: [],
        },
        ...(known && { target: { kind: "event" as const, id: known.id } }),
      });
    } else if (attackKind && !knownAttack) {
      const name = `${attackKind.replace("-", " ")} (${article.outlet}, ${date.value})`;
      out.push({
        kind: "attack",
        id: `attack-${found.start}-${found.end}`,
        quote: found.quote,
        start: found.start,
        end: found.end,
        sentence: found.sentence,
        confidence: 0.45,
        record: {
          id: slug(`${attackKind}-${date.value}-${article.id}`),
          name: name[0]?.toUpperCase() + name.slice(1),
          nameReason: "suggested: the curator names it",
          aliases: [],
          editorAliases: [],
          date: date as FuzzyDate,
          place,
          kinds: [attackKind],
          status: FOILED.test(sentence.text) ? "foiled" : "carried-out",
          targets: [],
          perpetrators: [],
          casualties: { killed: null, injured: null },
          summary: found.sentence,
          citations: found.citations,
          facts: [],
        },
      });
    }
  }
  return out;
}
