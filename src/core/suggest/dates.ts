import * as chrono from "chrono-node";
import type { Attack, FuzzyDate } from "../corpus/schema.ts";
import type { LoadedArticle } from "../corpus/types.ts";
import { namesOf } from "../entries.ts";
import { isRelativeDateWords } from "../text/dates.ts";
import type { SentenceSpan } from "../text/sentences.ts";
import type { DateSuggestion } from "./types.ts";
import { type Folded, foldWithOffsets, occurrencesOf } from "./words.ts";

// Dates are read by chrono-node against the article's own date, then kept no more precise than
// the article's date and the words allow, with the corpus's rules for `words` and `derivedFrom`
// (corpus/dates.ts): words that date something only against another date are derivedFrom, with
// a reason. "Three days after the attack" is dated from the attack the article is about.

type Precision = FuzzyDate["precision"];
type Unit = "day" | "week" | "month" | "year";

const DAY_MS = 86_400_000;
const RANK: Record<Precision, number> = { year: 0, month: 1, day: 2 };
const COUNTS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  the: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
/** "three days after the attack", "a day before the attack in Moscow", "the day after the attack". */
const AFTER_EVENT =
  /\b(a|an|one|the|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(day|week|month|year)s?\s+(after|before)\s+the\s+(?:[\p{Lu}][\p{L}-]*\s+){0,3}(attack|massacre|assault|bombing|shooting|explosion)\b/giu;
/** A year on its own ("in 2021", "The 2015 terrorist attacks"), with the word before it. */
const BARE_YEAR =
  /\b(?:(?:in|since|by|until|from|of)\s+)?((?:19|20)\d{2})\b(?!\s*[–-]\s*\d)(?!s)/giu;
const WEEKDAY = /^(on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)/i;
/**
 * What chrono reads as a date that is not one to suggest: words that hang on another event ("the
 * next day", "four weeks after"), a length of time ("for a year"), a stretch ("the last four
 * years") or the moment of writing ("now").
 */
const NOT_A_DATE = [
  /\b(next day|day after|following day|the day before)\b/i,
  /\b(after|before)$/i,
  /^(for\s+|in\s+)?(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(day|week|month|year)s?$/i,
  /\b(last|past|next)\s+(\w+\s+)?(days|weeks|months|years)\b/i,
  /^(now|(the\s+)?weekend|tonight)\W*$/i,
];
const PERIOD_BEFORE = /\b(early|mid|late)[\s-]+$/i;

interface Day {
  y: number;
  m: number;
  d: number;
}

const iso = ({ y, m, d }: Day, precision: Precision) =>
  [String(y).padStart(4, "0"), String(m).padStart(2, "0"), String(d).padStart(2, "0")]
    .slice(0, RANK[precision] + 1)
    .join("-");

const fromUtc = (t: number): Day => {
  const date = new Date(t);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
};

/** A day inside a fuzzy date, to count from: its middle part where it is no more precise. */
function dayOf(date: FuzzyDate): Day {
  const [y = 2000, m, d] = date.value.split("-").map(Number);
  const partDay = { early: 5, mid: 15, late: 25 }[date.qualifier ?? "mid"];
  const partMonth = { early: 2, mid: 6, late: 10 }[date.qualifier ?? "mid"];
  return { y, m: m ?? partMonth, d: d ?? (m ? partDay : 1) };
}

function shift(day: Day, n: number, unit: Unit): Day {
  const t = Date.UTC(day.y, day.m - 1, day.d);
  if (unit === "day") return fromUtc(t + n * DAY_MS);
  if (unit === "week") return fromUtc(t + 7 * n * DAY_MS);
  const months = unit === "month" ? n : 12 * n;
  return fromUtc(Date.UTC(day.y, day.m - 1 + months, day.d));
}

/** A month-precise date with the third of the month the day falls in: "early March". */
function monthPart(day: Day): Pick<FuzzyDate, "value" | "precision" | "qualifier"> {
  const qualifier = day.d <= 10 ? "early" : day.d <= 20 ? "mid" : "late";
  return { value: iso(day, "month"), precision: "month", qualifier };
}

/** The attack the article is about: the known attack it names most. */
function mainAttack(attacks: readonly Attack[], folded: Folded): Attack | null {
  let best: { attack: Attack; count: number } | null = null;
  for (const attack of attacks) {
    if ("from" in attack.date) continue;
    const names = [...namesOf(attack), ...(attack.place.site ? [attack.place.site] : [])];
    const count = names.reduce((n, name) => n + occurrencesOf(folded, name).length, 0);
    if (count > 0 && (!best || count > best.count)) best = { attack, count };
  }
  return best?.attack ?? null;
}

interface Read {
  start: number;
  end: number;
  date: Pick<FuzzyDate, "value" | "precision" | "qualifier">;
  /** How it was worked out, when it was not stated outright. */
  reason?: string;
  estimated: boolean;
}

/** Every date the text gives, resolved against the article's date. */
export function suggestDates(
  article: LoadedArticle,
  sentences: readonly SentenceSpan[],
  attacks: readonly Attack[],
): DateSuggestion[] {
  const published = article.published;
  const ref = dayOf(published);
  const refPrecision = published.precision;
  const refLabel = `the article's date, ${published.value}${published.estimated ? " (estimated)" : ""}`;
  const attack = mainAttack(attacks, foldWithOffsets(article.text));
  const out: DateSuggestion[] = [];
  for (const sentence of sentences) {
    const reads: Read[] = [];
    const free = (start: number, end: number) => !reads.some((r) => start < r.end && r.start < end);

    if (attack && !("from" in attack.date)) {
      const anchor = attack.date;
      for (const m of sentence.text.matchAll(AFTER_EVENT)) {
        const [, count = "", unit = "day", direction] = m;
        const n =
          (COUNTS[count.toLowerCase()] ?? Number(count)) * (direction === "before" ? -1 : 1);
        const day = shift(dayOf(anchor), n, unit as Unit);
        const precise = unit === "day" && anchor.precision === "day";
        reads.push({
          start: m.index,
          end: m.index + m[0].length,
          date: precise ? { value: iso(day, "day"), precision: "day" } : monthPart(day),
          reason: `counted from the ${attack.name}, ${anchor.value}`,
          estimated: anchor.estimated || !precise,
        });
      }
    }

    const instant = new Date(Date.UTC(ref.y, ref.m - 1, ref.d, 12));
    for (const r of chrono.parse(sentence.text, { instant, timezone: 0 })) {
      const start = r.index;
      const end = r.index + r.text.length;
      if (!free(start, end) || NOT_A_DATE.some((p) => p.test(r.text))) continue;
      const c = r.start;
      const stated = c.isCertain("year");
      let day: Day = { y: c.get("year") ?? ref.y, m: c.get("month") ?? 1, d: c.get("day") ?? 1 };
      let precision: Precision = c.isCertain("day")
        ? "day"
        : c.isCertain("month")
          ? "month"
          : "year";
      const weekday = WEEKDAY.exec(r.text);
      if (weekday && !c.isCertain("day")) {
        // News dates a bare weekday in the week before the article, never after it.
        const back =
          (new Date(Date.UTC(ref.y, ref.m - 1, ref.d)).getUTCDay() - (c.get("weekday") ?? 0) + 7) %
          7;
        day = shift(ref, -back, "day");
        precision = "day";
      }
      const relative =
        /\b(ago|later|earlier|last|this|next|past)\b/i.test(r.text) || Boolean(weekday);
      if (relative && c.isCertain("day") && /\b(week|month)s?\b/i.test(r.text)) precision = "month";
      // A date counted from the article's date is no more precise than that date.
      if (relative && RANK[precision] > RANK[refPrecision]) precision = refPrecision;
      const before = sentence.text.slice(0, start);
      const period = precision !== "day" ? PERIOD_BEFORE.exec(before) : null;
      const coarse = relative && /\b(week|month)s?\b/i.test(r.text) && precision === "month";
      reads.push({
        start: period ? period.index + (period[0].length - period[0].trimStart().length) : start,
        end,
        date: coarse
          ? monthPart(day)
          : {
              value: iso(day, precision),
              precision,
              ...(period && { qualifier: (period[1] as string).toLowerCase() as "early" }),
            },
        ...(relative || !stated ? { reason: `resolved against ${refLabel}` } : {}),
        estimated: (relative || !stated) && (published.estimated || coarse),
      });
    }

    for (const m of sentence.text.matchAll(BARE_YEAR)) {
      const year = m[1] as string;
      const yearAt = m.index + m[0].length - year.length;
      if (!free(yearAt, yearAt + year.length)) continue;
      reads.push({
        start: m.index,
        end: m.index + m[0].length,
        date: { value: year, precision: "year" },
        estimated: false,
      });
    }

    for (const r of reads) {
      const start = sentence.start + r.start;
      // chrono may take the comma after a date with it.
      const quote = article.text.slice(start, sentence.start + r.end).replace(/[\s,.;:]+$/, "");
      const derived = Boolean(r.reason) || isRelativeDateWords(quote);
      const record: FuzzyDate = {
        ...r.date,
        estimated: r.estimated,
        ...(derived
          ? { derivedFrom: quote, reason: r.reason ?? `resolved against ${refLabel}` }
          : { words: quote }),
      };
      out.push({
        kind: "date",
        id: `date-${start}-${start + quote.length}`,
        quote,
        start,
        end: start + quote.length,
        sentence: sentence.text,
        confidence: derived ? 0.6 : 0.85,
        record,
      });
    }
  }
  return out;
}
