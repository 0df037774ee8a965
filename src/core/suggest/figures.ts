import type { FigureGroup, FigureValue } from "../corpus/schema.ts";
import type { LoadedArticle } from "../corpus/types.ts";
import { type StatedAt, statedNumbersAt } from "../figures/parse.ts";
import type { QuestionEntry } from "../questions/index.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import type { SentenceSpan } from "../text/sentences.ts";
import type { FigureValueSuggestion } from "./types.ts";
import { type Reader, slug, wordsIn } from "./words.ts";

// Numbers with their qualifier, unit and measure, read from each sentence. The numbers are read
// by figures/parse.ts (as the figure checks read a value's text), the qualifiers are
// data/qualifiers.json's words and the measures data/questions.json's synonyms, so a new
// qualifier or measure word is one line of data, not a rule here.

const MONTHS =
  /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)$/i;
const TIME_UNITS = /^(hours?|days?|weeks?|months?|years?|decades?)$/i;
/** Words that place a span of time against a date: "three weeks after", "the last three years". */
const RELATIVE_AFTER = /^(after|before|ago|later|earlier|since|on|into|later)$/i;
const RELATIVE_BEFORE = /^(last|past|next|first|previous|recent|coming|following)$/i;
const ORDINAL = /^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)$/i;
/** An ordinal is a figure only as a rank ("the third largest group"). */
const RANKED = /^(largest|biggest|most|highest|strongest|smallest)$/i;
/** Words a unit phrase stops at: they start the rest of the clause. */
const PHRASE_STOP = new Set(
  "of in on at to for by from with and or but who which that whom whose were was are is be been being had have has will would could can may might including include includes as than the a an their its his her our this these those there it they he she we".split(
    " ",
  ),
);
/** Words between a number and its noun that are not the noun ("1.3 million strong Tajik diaspora"). */
const NOT_NOUNS = new Set(
  "strong still often more other only alone already just about some different new further".split(
    " ",
  ),
);
/** "four of their countrymen": the noun follows these. */
const OF_WHOM = /^(their|the|those|them|these|its|his|her|our)$/i;
/** Plural nouns that do not end in "s", and words that stand for people in a toll. */
const PEOPLE = new Set("people men women children police personnel staff".split(" "));
const TOLL_WORDS = new Map([
  ["dead", "killed"],
  ["killed", "killed"],
  ["injured", "injured"],
  ["wounded", "injured"],
  ["hurt", "injured"],
]);
/** Measures a year answers even beside a month ("coming to power in August 2021"). */
const YEAR_MEASURES = new Set(["founded", "invaded", "intervened", "withdrawal", "takeover"]);
/** Words before a year that make it the start of something ("since 2020"). */
const YEAR_LEAD = /^(since|in)$/i;
const PERIOD = /^(early|mid|late)$/i;
/** How far a measure word may stand from its number, in words. */
const MEASURE_REACH = 6;

const isYearNumber = (s: StatedAt, raw: string) =>
  /^\d{4}$/.test(raw) && s.low >= 1800 && s.low <= 2100 && s.high <= 2100;

/** The qualifier words of the table that bound or approximate a number, longest first. */
function qualifierWords(snapshot: CorpusSnapshot, kinds: readonly string[]): string[] {
  return snapshot.corpus.qualifiers
    .filter((q) => kinds.includes(q.kind))
    .flatMap((q) => q.words)
    .sort((a, b) => b.length - a.length);
}

/** The quantity words ("hundreds of thousands") in the sentence, as values of their own. */
function quantitiesIn(snapshot: CorpusSnapshot, text: string): StatedAt[] {
  const words = qualifierWords(snapshot, ["quantity"]);
  if (words.length === 0) return [];
  const pattern = new RegExp(`\\b(?:${words.join("|")})\\b`, "gi");
  return [...text.matchAll(pattern)].map((m) => ({
    low: Number.NaN,
    high: Number.NaN,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The unit phrase after a number: "%", "-year-old", or the noun phrase that follows it. */
function unitAfter(
  after: string,
  quantity: boolean,
): { unit: string; length: number; age: boolean } | null {
  const percent = /^\s*(%|percent\b|per cent\b)/i.exec(after);
  if (percent) return { unit: "percent", length: percent[0].length, age: false };
  const compound = /^[-‑](year|page|day|week|month|hour|man|member|strong)s?(?:[-‑]old)?\b/i.exec(
    after,
  );
  if (compound) {
    const unit = `${(compound[1] as string).toLowerCase()}s`;
    return { unit, length: compound[0].length, age: /old$/i.test(compound[0]) };
  }
  const words = wordsIn(after).slice(0, 5);
  const phrase: typeof words = [];
  for (const [i, w] of words.entries()) {
    // Words of one phrase are separated by spaces only ("4,000 stationed, …" ends at the comma).
    const gap = after.slice(i === 0 ? 0 : (words[i - 1] as (typeof words)[0]).end, w.start);
    if (!/^\s*$/.test(gap)) break;
    const lower = w.text.toLowerCase();
    if (i === 0 && lower === "of" && (quantity || OF_WHOM.test(words[1]?.text ?? ""))) continue;
    if (i === 1 && words[0]?.text === "of" && OF_WHOM.test(w.text)) continue;
    if (PHRASE_STOP.has(lower)) break;
    if (NOT_NOUNS.has(lower)) continue;
    phrase.push(w);
    if (phrase.length === 3) break;
  }
  if (phrase.length === 0) return null;
  const noun =
    phrase.find((w) => PEOPLE.has(w.text.toLowerCase()) || TOLL_WORDS.has(w.text.toLowerCase())) ??
    phrase.find((w) => /[^s]s$/i.test(w.text) && w.text.length > 3) ??
    (phrase[0] as (typeof phrase)[0]);
  const lower = noun.text.toLowerCase();
  const unit = TOLL_WORDS.has(lower) ? "people" : lower;
  return { unit, length: noun.end, age: false };
}

/** The qualifier right before the number ("at least", "an estimated"), with where it starts. */
function qualifierBefore(
  words: readonly string[],
  before: string,
): { qualifier: string; start: number } | null {
  const lower = before.toLowerCase();
  for (const q of words) {
    const m = new RegExp(`\\b${q}\\s*$`).exec(lower);
    if (m) return { qualifier: q, start: m.index };
  }
  return null;
}

/** The measure word nearest the number within the clause, and where it is. */
function measureNear(
  reader: Reader,
  sentence: SentenceSpan,
  { start, end }: StatedAt,
  others: readonly StatedAt[],
): { measure: string; start: number; end: number } | null {
  const words = wordsIn(sentence.text);
  const at = words.findIndex((w) => w.end > start);
  let best: { measure: string; start: number; end: number; distance: number } | null = null;
  for (const [i, w] of words.entries()) {
    if (w.start >= start && w.end <= end) continue;
    const distance = i < at ? at - i : i - at;
    if (distance > MEASURE_REACH) continue;
    // A clause boundary (";" or a sentence-internal full stop) between them breaks the link.
    const between = sentence.text.slice(Math.min(w.end, end), Math.max(w.start, start));
    const lo = Math.min(w.end, end);
    const hi = Math.max(w.start, start);
    if (/[;:]/.test(between) || others.some((o) => o.start >= lo && o.end <= hi)) continue;
    if (NOT_NOUNS.has(w.text.toLowerCase())) continue;
    const measure = reader.measureOf(w.text);
    if (!measure) continue;
    // Before the number counts a little less: "killed 21 people" reads, "died. 21" does not.
    const weighted = distance + (i < at ? 0.5 : 0);
    if (!best || weighted < best.distance) {
      best = { measure, start: w.start, end: w.end, distance: weighted };
    }
  }
  return best && { measure: best.measure, start: best.start, end: best.end };
}

/** Whether a number is a date or a reference rather than an amount. */
/** A footnote mark ("[1]"), part of a name ("Su-27") or a time ("10:30"). */
function isReference(text: string, s: StatedAt): boolean {
  const before = text.slice(0, s.start);
  const after = text.slice(s.end);
  return /[[\p{L}]$|\p{L}[-‑]$/u.test(before) || /^\]|^[:/]\d|^\p{L}/u.test(after);
}

function isNotAnAmount(text: string, s: StatedAt, raw: string): boolean {
  if (isReference(text, s)) return true;
  const before = text.slice(0, s.start);
  const after = text.slice(s.end);
  const lower = raw.toLowerCase();
  if (lower === "one" || lower === "zero") return true;
  const prev = wordsIn(before).slice(-2);
  const next = wordsIn(after).slice(0, 2);
  if (ORDINAL.test(lower) && !RANKED.test(next[0]?.text ?? "")) return true;
  // "22 March", "March 22", "March 22, 2024": a day or a year of a date.
  if (MONTHS.test(prev.at(-1)?.text ?? "") || MONTHS.test(next[0]?.text ?? "")) return true;
  if (/^\d+$/.test(raw) && Number(raw) <= 31 && /^,\s*\d{4}/.test(after)) return true;
  // "three weeks after the attack", "in the last three years": when, not how many.
  if (TIME_UNITS.test(next[0]?.text ?? "")) {
    if (RELATIVE_AFTER.test(next[1]?.text ?? "")) return true;
    if (RELATIVE_BEFORE.test(prev.at(-1)?.text ?? "")) return true;
  }
  return false;
}

/** A person-like unit fits a group counted in people: "gunmen", "Tajiks", "suspects". */
const PERSONS =
  /(people|men|women|children|ers|ists|ants|ents|ians|iks|ans|ees|ects|ims|ors|ens|tes|ils)$/i;

function unitFits(
  reader: Reader,
  group: FigureGroup,
  entry: QuestionEntry,
  unit: string | null,
  measure: string | null,
): boolean {
  if (unit === null) return true;
  const term = (w: string) => reader.termsOf(w)[0] ?? w;
  const groupUnit = term(group.unit);
  if (term(unit) === groupUnit || (measure && measure === groupUnit)) return true;
  if (entry.names.has(term(unit))) return true;
  return group.unit === "people" && PERSONS.test(unit);
}

/** Each group's question entry, by id: what its names and words are as meanings. */
function figureEntries(snapshot: CorpusSnapshot): readonly QuestionEntry[] {
  return snapshot.questions.subjects.find((s) => s.kind === "figure")?.entries ?? [];
}

/**
 * The existing group a value joins: the one whose names and words the sentence shares most,
 * with a measure that agrees and a unit of the same sort (years with years, shares with shares).
 */
function groupFor(
  snapshot: CorpusSnapshot,
  reader: Reader,
  terms: ReadonlySet<string>,
  measure: string | null,
  unit: string | null,
): FigureGroup | null {
  let best: { group: FigureGroup; score: number } | null = null;
  for (const entry of figureEntries(snapshot)) {
    const group = snapshot.corpus.figureById.get(entry.id);
    if (!group) continue;
    if ((group.unit === "year") !== (unit === "year")) continue;
    if (unit && (group.unit === "percent") !== (unit === "percent")) continue;
    // A group's measure is in its own names (its topics), not in the names of what it is about.
    const measures = [...entry.names].filter((t) => reader.measures.has(t));
    if (measures.length > 0 && measure && !measures.includes(measure)) continue;
    if (!unitFits(reader, group, entry, unit, measure)) continue;
    let score = 0;
    let topical = 0;
    for (const t of terms) {
      const weight = entry.names.has(t) ? 1 : entry.words.has(t) ? 0.8 : 0;
      score += weight;
      if (weight > 0 && !reader.measures.has(t)) topical++;
    }
    if (measure && measures.includes(measure)) score += 1;
    if (topical === 0 || score < 2) continue;
    if (!best || score > best.score) best = { group, score };
  }
  return best?.group ?? null;
}

function newGroup(
  article: LoadedArticle,
  value: FigureValue,
  measure: string | null,
  unit: string,
): FigureGroup {
  const what = measure ?? unit;
  return {
    id: slug(`${article.id}-${what}-${value.value ?? value.low ?? "n"}`),
    measure: `${what[0]?.toUpperCase()}${what.slice(1)}: ${value.text}`,
    unit,
    topics: [value.text.toLowerCase()],
    about: { actors: [], attacks: [] },
    values: [value],
  };
}

/** The measure words the rules treat apart, as terms, read once per call. */
interface Measures {
  toll: ReadonlySet<string>;
  year: ReadonlySet<string>;
  /** Measures only a year has ("appeared" reads as "founded"): ignored next to other numbers. */
  yearOnly: ReadonlySet<string>;
}

function measureSets(reader: Reader): Measures {
  const terms = (words: readonly string[]) => new Set(words.map((w) => reader.termsOf(w)[0] ?? w));
  return {
    toll: terms(["killed", "injured"]),
    year: terms([...YEAR_MEASURES]),
    yearOnly: terms(["founded"]),
  };
}

/** Whether a year stands as an amount: "founded in 2015", "since 2020", "in late 2014". */
function yearIsFigure(text: string, stated: StatedAt, measure: string | null, m: Measures) {
  const prev = wordsIn(text.slice(0, stated.start)).slice(-2);
  const last = prev.at(-1)?.text ?? "";
  if (measure && m.year.has(measure)) return true;
  if (MONTHS.test(last)) return false;
  const lead = PERIOD.test(last) ? (prev[0]?.text ?? "") : last;
  return YEAR_LEAD.test(lead) || /^between$/i.test(text.slice(stated.start, stated.start + 7));
}

/** Every figure value the article's sentences state. */
export function suggestFigureValues(
  snapshot: CorpusSnapshot,
  article: LoadedArticle,
  sentences: readonly SentenceSpan[],
  reader: Reader,
): FigureValueSuggestion[] {
  const bounds = qualifierWords(snapshot, ["lower", "upper", "approximate"]);
  const periods = qualifierWords(snapshot, ["period"]);
  const m = measureSets(reader);
  const out: FigureValueSuggestion[] = [];
  for (const sentence of sentences) {
    const text = sentence.text;
    const numbers = [
      ...statedNumbersAt(text).map((stated) => ({ stated, quantity: false })),
      ...quantitiesIn(snapshot, text).map((stated) => ({ stated, quantity: true })),
    ].sort((a, b) => a.stated.start - b.stated.start);
    let terms: Set<string> | undefined;
    for (const { stated, quantity } of numbers) {
      const raw = text.slice(stated.start, stated.end);
      const isYear = !quantity && isYearNumber(stated, raw);
      if (!quantity && !isYear && isNotAnAmount(text, stated, raw)) continue;
      if (isYear && isReference(text, stated)) continue;
      const before = text.slice(0, stated.start);
      const qual = quantity ? null : qualifierBefore(isYear ? periods : bounds, before);
      const unitRead = isYear ? null : unitAfter(text.slice(stated.end), quantity);
      const others = numbers.map((n) => n.stated).filter((n) => n !== stated);
      let near = measureNear(reader, sentence, stated, others);
      if (near && !isYear && m.yearOnly.has(near.measure)) near = null;
      const measure = unitRead?.age ? "age" : (near?.measure ?? null);
      if (isYear) {
        if (!yearIsFigure(text, stated, measure, m)) continue;
      } else if (!unitRead) {
        // A bare number counts with a toll word ("injured more than 50"), a qualifier or a range.
        const toll = near && m.toll.has(near.measure);
        if (!toll && !qual && stated.low === stated.high) continue;
      }
      const qualifier = quantity ? raw.toLowerCase() : (qual?.qualifier ?? null);
      const unit = isYear ? "year" : (unitRead?.unit ?? null);
      let from = qual?.start ?? stated.start;
      let to = stated.end + (unitRead?.length ?? 0);
      if (
        near &&
        !unitRead?.age &&
        Math.abs(near.start < from ? from - near.end : near.start - to) < 24
      ) {
        from = Math.min(from, near.start);
        to = Math.max(to, near.end);
      }
      const quote = text.slice(from, to);
      const start = sentence.start + from;
      terms ??= new Set(reader.termsOf(text));
      const group = groupFor(snapshot, reader, terms, measure, unit);
      const unitOut = unit ?? group?.unit ?? "people";
      const value: FigureValue = {
        id: slug(`${article.id}-${unitOut}-${start}`),
        ...(quantity
          ? {}
          : stated.low === stated.high
            ? { value: stated.low }
            : { low: stated.low, high: stated.high }),
        qualifier,
        text: quote,
        attributedTo: [],
        citation: { article: article.id, quote },
      };
      const confidence = 0.4 + (measure ? 0.25 : 0) + (group ? 0.25 : 0);
      out.push({
        kind: "figure-value",
        id: `figure-value-${start}-${start + quote.length}`,
        quote,
        start,
        end: start + quote.length,
        sentence: text,
        confidence,
        record: value,
        measure,
        unit: unitOut,
        ...(group
          ? { target: { kind: "figure-group" as const, id: group.id } }
          : { group: newGroup(article, value, measure, unitOut) }),
      });
    }
  }
  return out;
}
