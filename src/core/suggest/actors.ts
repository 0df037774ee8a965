import type { Actor, ActorKind } from "../corpus/schema.ts";
import type { LoadedArticle } from "../corpus/types.ts";
import { namesOf } from "../entries.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { foldText } from "../text/normalize.ts";
import type { SentenceSpan } from "../text/sentences.ts";
import type { ActorMentionSuggestion, NewActorSuggestion } from "./types.ts";
import {
  type Folded,
  foldWithOffsets,
  type KeyedWord,
  keyedOccurrences,
  keyedWords,
  occurrencesOf,
  slug,
  type WordAt,
  wordsIn,
} from "./words.ts";

// Known actors are found by every name the look-ups accept (namesOf: the texts' names and the
// editors' aliases), folded as the snapshot's mentionsOf folds them. Names the corpus does not
// know are runs of capitalised words, hand-rolled: no NLP library is installed, and a named-entity
// model would be a large dependency for what these filters do on wire copy.

/** Short names ("IS", "US", "UN") are words in their own right, so they only count as written. */
const SHORT_NAME = 3;
/** A citation quote longer than this is cut to the words around the name. */
const QUOTE_REACH = 160;

/** One place the text names a known actor. */
export interface Mention {
  actor: Actor;
  name: string;
  start: number;
  end: number;
  /** Found by an adjective of its name ("Syrian" for Syria), not the name itself. */
  adjective: boolean;
  /** Spelt as the name is, not only alike once transliterated. */
  exact: boolean;
}

/** Kinds whose one-word names have adjectives a text names them by ("Russian", "Afghan"). */
const COUNTRY_KINDS = new Set<ActorKind>(["state", "place"]);
const ADJECTIVE_ENDINGS = ["n", "an", "ian", "i", "ese", "ish"];

/** Adjectives of a country's name: "Russian", "Syrian", "Ukrainian", "Pakistani", "Afghan". */
export function adjectivesOf(name: string): string[] {
  if (/\s/.test(name) || name.length <= SHORT_NAME) return [];
  const out = new Set<string>(ADJECTIVE_ENDINGS.map((e) => name + e));
  for (const stem of [name.replace(/(ia|a|e|y)$/, ""), name.replace(/istan$/, "")]) {
    if (stem === name || stem.length < 4) continue;
    out.add(stem);
    for (const e of ADJECTIVE_ENDINGS) out.add(stem + e);
  }
  out.delete(name);
  return [...out];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where one name occurs: folded for a long name, as written for a short or one-word one. */
function findName(
  text: string,
  folded: Folded,
  keyed: readonly KeyedWord[],
  name: string,
): Array<{ start: number; end: number; exact: boolean }> {
  if (name.length <= SHORT_NAME) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, "gu");
    return [...text.matchAll(pattern)].map((m) => ({
      start: m.index,
      end: m.index + name.length,
      exact: true,
    }));
  }
  // Spelt as written first; then as look-ups transliterate ("Amak" for "Amaq", "Rakhmon").
  const exact = occurrencesOf(folded, name).map((o) => ({ ...o, exact: true }));
  const found = [
    ...exact,
    ...keyedOccurrences(keyed, name)
      .filter((o) => !exact.some((e) => e.start === o.start && e.end === o.end))
      .map((o) => ({ ...o, exact: false })),
  ];
  // A one-word name in capitals ("Lemon", "Webb") is a name only where the text capitalises it.
  if (!/\s/.test(name.trim()) && /^\p{Lu}/u.test(name)) {
    return found.filter((o) => /^\p{Lu}/u.test(text.slice(o.start, o.start + 1)));
  }
  return found;
}

/** Every known actor's mentions, the longest name winning where two overlap. */
function mentionsIn(snapshot: CorpusSnapshot, text: string): Mention[] {
  const folded = foldWithOffsets(text);
  const keyed = keyedWords(text);
  const all: Mention[] = [];
  for (const actor of snapshot.corpus.actors) {
    const names = new Set(namesOf(actor));
    for (const name of names) {
      for (const at of findName(text, folded, keyed, name)) {
        all.push({ actor, name, ...at, adjective: false });
      }
      if (!COUNTRY_KINDS.has(actor.kind)) continue;
      for (const adjective of adjectivesOf(name)) {
        for (const at of findName(text, folded, keyed, adjective)) {
          all.push({ actor, name: adjective, ...at, adjective: true });
        }
      }
    }
  }
  // Longest first; at one length a name as spelt beats a transliterated one ("ISKP", not "ISCP").
  all.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Number(b.exact) - Number(a.exact) ||
      Number(a.adjective) - Number(b.adjective) ||
      a.start - b.start,
  );
  const kept: Mention[] = [];
  for (const m of all) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

const sentenceAt = (sentences: readonly SentenceSpan[], at: number) =>
  sentences.find((s) => s.start <= at && at < s.end);

/** The quote a citation of the mention carries: its sentence, or the whole words around it. */
export function citationQuote(
  text: string,
  sentence: SentenceSpan,
  start: number,
  end: number,
): string {
  if (sentence.text.length <= QUOTE_REACH * 2) return sentence.text;
  let from = Math.max(sentence.start, start - QUOTE_REACH);
  let to = Math.min(sentence.end, end + QUOTE_REACH);
  while (from > sentence.start && from < start && /[\p{L}\p{N}]/u.test(text[from - 1] ?? ""))
    from++;
  while (to < sentence.end && to > end && /[\p{L}\p{N}]/u.test(text[to] ?? "")) to--;
  return text.slice(from, to).trim();
}

/** Known actors the article names: one suggestion per actor, at its first mention. */
export function suggestActorMentions(
  snapshot: CorpusSnapshot,
  article: LoadedArticle,
  sentences: readonly SentenceSpan[],
): { suggestions: ActorMentionSuggestion[]; taken: Mention[] } {
  const mentions = mentionsIn(snapshot, article.text);
  const suggestions: ActorMentionSuggestion[] = [];
  const seen = new Map<string, ActorMentionSuggestion>();
  for (const m of mentions) {
    const sentence = sentenceAt(sentences, m.start);
    if (!sentence || m.end > sentence.end) continue;
    const earlier = seen.get(m.actor.id);
    if (earlier) {
      // More mentions, surer: a name used once may be a passing reference.
      earlier.confidence = Math.min(0.95, earlier.confidence + 0.1);
      continue;
    }
    const quote = article.text.slice(m.start, m.end);
    const cited = citationQuote(article.text, sentence, m.start, m.end);
    // A short name is less sure: "US" can be a heading's capitals.
    const confidence = m.adjective ? 0.5 : m.name.length <= SHORT_NAME ? 0.6 : 0.75;
    const s: ActorMentionSuggestion = {
      kind: "actor-mention",
      id: `actor-mention-${m.start}-${m.end}`,
      quote,
      start: m.start,
      end: m.end,
      sentence: sentence.text,
      confidence,
      record: {
        ...m.actor,
        citations: [...m.actor.citations, { article: article.id, quote: cited }],
      },
      target: { kind: "actor", id: m.actor.id },
    };
    seen.set(m.actor.id, s);
    suggestions.push(s);
  }
  return { suggestions, taken: mentions };
}

const MONTHS_DAYS = new Set(
  "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday".split(
    " ",
  ),
);
/** Lower-case words that may join a name's capitalised words ("Ministry of Foreign Affairs"). */
const JOINERS = new Set(["of", "al", "ul", "bin", "ibn", "de", "for", "and", "the", "e"]);
/** Capitalised words that open sentences or titles rather than names. */
const OPENERS = new Set(
  "the a an in on at as but and or if it its this that these those there he she they we i after before since while when where what who which how why president minister mr mrs ms dr general according".split(
    " ",
  ),
);
const KIND_WORDS: ReadonlyArray<[RegExp, ActorKind]> = [
  [
    /\b(ministry|committee|service|services|police|parliament|court|government|council|office|guard)\b/i,
    "government-body",
  ],
  [/\b(army|front|brigade|militia|taliban|state|province|jamaat|movement)\b/i, "armed-group"],
  [
    /\b(university|center|centre|society|institute|foundation|organisation|organization|group)\b/i,
    "organisation",
  ],
  [/\b(news|agency|times|post|media|press|tv|radio|wire)\b/i, "media-outlet"],
];
const PERSON_BEFORE =
  /\b(president|minister|spokesman|spokeswoman|spokesperson|expert|analyst|leader|chief|general|mr|mrs|ms|dr|director|head|commander|said)\s*$/i;
const PLACE_BEFORE = /\b(in|near|from|to|of)\s*$/i;

/** A guess at a new name's kind, from its words and the words before it. */
function kindOf(name: string, before: string): ActorKind {
  for (const [pattern, kind] of KIND_WORDS) if (pattern.test(name)) return kind;
  const words = name.split(/\s+/);
  if (words.length >= 2 && words.length <= 4 && PERSON_BEFORE.test(before)) return "person";
  if (words.length >= 2 && words.length <= 3 && !PLACE_BEFORE.test(before)) return "person";
  return "place";
}

/**
 * Names the corpus does not know: runs of capitalised words, less sentence openers, months and
 * days, adjectives of known names ("Russian", "Tajik") and words the texts also write in lower
 * case. A candidate, for the curator to keep or drop.
 */
export function suggestNewActors(
  snapshot: CorpusSnapshot,
  article: LoadedArticle,
  sentences: readonly SentenceSpan[],
  taken: ReadonlyArray<{ start: number; end: number }>,
): NewActorSuggestion[] {
  const known = snapshot.corpus.actors
    .flatMap((a) => namesOf(a))
    .flatMap((n) => foldText(n).split(" "));
  const knownWords = new Set(known.filter((w) => w.length >= 4));
  const lowerWords = new Set(
    [article.text, ...snapshot.corpus.articles.map((a) => a.text)]
      .join(" ")
      .match(/(?<![\p{L}])\p{Ll}+/gu) ?? [],
  );
  const isAdjectiveOfKnown = (word: string) => {
    const w = foldText(word);
    if (w.length < 4) return false;
    for (const k of knownWords) {
      if (k.startsWith(w) || (w.startsWith(k) && w.length - k.length <= 3)) return true;
    }
    return false;
  };
  // What the corpus names that is not an actor: attacks, events and their places.
  const otherNames = [...snapshot.corpus.attacks, ...snapshot.corpus.events].flatMap((r) => [
    ...namesOf(r),
    ...Object.values(r.place).filter((p): p is string => p !== null),
  ]);
  const isOtherName = (key: string) =>
    otherNames.some((n) => ` ${foldText(n)} `.includes(` ${key} `));
  // A capitalised word only ever at the start of a sentence is an ordinary word.
  const midSentence = new Set(
    sentences.flatMap((s) =>
      wordsIn(s.text)
        .slice(1)
        .map((w) => w.text),
    ),
  );
  const seen = new Set<string>();

  const newName = (sentence: SentenceSpan, run: readonly WordAt[]): NewActorSuggestion | null => {
    const first = run[0] as WordAt;
    const end = (run.at(-1) as WordAt).end;
    const start = sentence.start + first.start;
    const name = sentence.text.slice(first.start, end);
    if (run.every((r) => MONTHS_DAYS.has(r.text.toLowerCase()))) return null;
    if (run.length === 1) {
      const word = first.text;
      if (lowerWords.has(word.toLowerCase()) || isAdjectiveOfKnown(word) || word.length < 3) {
        return null;
      }
      // An all-capitals word is a heading or a dateline, unless it is short like an acronym.
      if (word.length > 5 && word === word.toUpperCase()) return null;
      if (first.start === 0 && !midSentence.has(word)) return null;
    }
    const key = foldText(name);
    if (foldText(article.outlet).includes(key) || isOtherName(key) || seen.has(key)) return null;
    seen.add(key);
    const quote = article.text.slice(start, sentence.start + end);
    return {
      kind: "new-actor",
      id: `new-actor-${start}-${start + quote.length}`,
      quote,
      start,
      end: start + quote.length,
      sentence: sentence.text,
      confidence: run.length > 1 ? 0.5 : 0.35,
      record: {
        id: slug(name),
        name: quote,
        aliases: [],
        editorAliases: [],
        kind: kindOf(name, sentence.text.slice(0, first.start)),
        summary: `${quote}, as ${article.outlet} names it.`,
        citations: [
          {
            article: article.id,
            quote: citationQuote(article.text, sentence, start, start + quote.length),
          },
        ],
        facts: [],
      },
    };
  };

  const out: NewActorSuggestion[] = [];
  for (const sentence of sentences) {
    const words = wordsIn(sentence.text);
    for (let i = 0; i < words.length; ) {
      if (!/^\p{Lu}/u.test((words[i] as WordAt).text)) {
        i++;
        continue;
      }
      let last = i;
      for (let j = i + 1; j < words.length; j++) {
        const next = words[j] as WordAt;
        const gap = sentence.text.slice((words[j - 1] as WordAt).end, next.start);
        if (!/^[ -]$/.test(gap)) break;
        if (/^\p{Lu}/u.test(next.text)) last = j;
        else if (!JOINERS.has(next.text.toLowerCase())) break;
      }
      const run = words.slice(i, last + 1);
      i = last + 1;
      // Known names, openers and titles split a run; joiners at a part's edges are not the name.
      const parts: WordAt[][] = [[]];
      for (const r of run) {
        const at = sentence.start + r.start;
        const isTaken = taken.some((t) => at < t.end && t.start < sentence.start + r.end);
        if (isTaken || OPENERS.has(r.text.toLowerCase())) parts.push([]);
        else parts.at(-1)?.push(r);
      }
      for (const part of parts) {
        while (part.length && /^\p{Ll}/u.test((part[0] as WordAt).text)) part.shift();
        while (part.length && /^\p{Ll}/u.test((part.at(-1) as WordAt).text)) part.pop();
        const found = part.length > 0 ? newName(sentence, part) : null;
        if (found) out.push(found);
      }
    }
  }
  return out;
}
