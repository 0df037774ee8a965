import { createHash } from "node:crypto";
import { z } from "zod";
import { cleanText } from "../core/corpus/clean.ts";
import { type Article, ArticleId, type Removal } from "../core/corpus/schema.ts";
import type { FieldMessage } from "./records.ts";

/** The largest raw text the desk takes: well above any article, far below a pasted archive. */
export const MAX_ARTICLE_CHARS = 200_000;

/** Page residue the desk suggests marking: the kinds the corpus's own articles carried. */
const SUSPECTS: { pattern: RegExp; reason: string }[] = [
  {
    pattern: /^.*\b(listen to (this )?article|audio version|audio player)\b.*$/gim,
    reason: "audio-player notice (page residue)",
  },
  { pattern: /^.*Failed to fetch data from the URL\..*$/gm, reason: "scraper residue" },
  {
    pattern: /^.*\[email(\u00a0| )protected\].*$/gim,
    reason: "an e-mail address hidden by the web page (placeholder)",
  },
  {
    pattern:
      /^.*\b(subscribe to our newsletter|sign up for our newsletter|read more:|related articles?)\b.*$/gim,
    reason: "page residue",
  },
];

/** Lines of the raw text that look like page residue, each as a removal to confirm. */
export function suggestResidue(raw: string): Removal[] {
  const text = raw.replace(/\r\n?/g, "\n");
  const found = new Map<string, string>();
  for (const { pattern, reason } of SUSPECTS) {
    for (const match of text.matchAll(pattern)) {
      const line = match[0].trim();
      if (line && !found.has(line)) found.set(line, reason);
    }
  }
  return [...found].map(([line, reason]) => ({ kind: "exact", text: line, reason }));
}

const blankIsNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The bring-in form as posted; every field a string. */
export const ArticleForm = z.object({
  id: z.string().default(""),
  title: z.string().default(""),
  outlet: z.string().default(""),
  author: z.string().default(""),
  date: z.string().default(""),
  precision: z.string().default("day"),
  estimated: z.string().optional(),
  reason: z.string().default(""),
  language: z.string().default("en"),
  translatedFrom: z.string().default(""),
  url: z.string().default(""),
  text: z.string().default(""),
  /** One removal per line: a line to cut, or "tail: words" to cut from those words on. */
  residue: z.string().default(""),
  /** "preview" shows the cleaned text (suggesting residue when none is marked); "save" saves. */
  intent: z.string().default("save"),
});
export type ArticleForm = z.infer<typeof ArticleForm>;

export const slugOf = (title: string) =>
  title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");

export function removalsOf(residue: string): Removal[] {
  return residue
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) =>
      /^tail:/i.test(line)
        ? {
            kind: "tail" as const,
            from: line.replace(/^tail:\s*/i, ""),
            reason: "marked at the desk: unrelated text appended",
          }
        : { kind: "exact" as const, text: line, reason: "page residue marked at the desk" },
    );
}

export interface BroughtIn {
  article: Article;
  raw: string;
  cleaned: string;
}

/**
 * The article record and texts a bring-in form makes, or a message per field. `today` bounds
 * the date; `taken` are the ids in use.
 */
export function articleFromForm(
  form: ArticleForm,
  options: { today: string; taken: ReadonlySet<string>; by: string },
): { ok: true; value: BroughtIn } | { ok: false; messages: FieldMessage[] } {
  const messages: FieldMessage[] = [];
  const say = (path: string, message: string) => messages.push({ path, message });
  const raw = form.text.replace(/\r\n?/g, "\n");
  if (raw.trim() === "") say("text", "paste or upload the article's text");
  else if (raw.length > MAX_ARTICLE_CHARS)
    say(
      "text",
      `the text is ${raw.length.toLocaleString("en")} characters; an article is at most ${MAX_ARTICLE_CHARS.toLocaleString("en")}`,
    );
  if (form.title.trim() === "") say("title", "give the article's headline");
  if (form.outlet.trim() === "") say("outlet", "name the outlet that published it");
  const id = form.id.trim() || slugOf(form.title);
  if (!ArticleId.safeParse(id).success) say("id", "use lower-case letters, digits and dashes");
  else if (options.taken.has(id)) say("id", `an article ${id} exists already; choose another id`);
  const precision = z.enum(["year", "month", "day"]).safeParse(form.precision);
  const date = form.date.trim();
  const pattern = { year: /^\d{4}$/, month: /^\d{4}-\d{2}$/, day: DAY }[precision.data ?? "day"];
  if (!precision.success) say("precision", "choose year, month or day");
  else if (!pattern.test(date))
    say("date", { year: "YYYY", month: "YYYY-MM", day: "YYYY-MM-DD" }[precision.data]);
  else if (date > options.today.slice(0, date.length)) say("date", "the date is in the future");
  const estimated = form.estimated !== undefined;
  if (estimated && form.reason.trim() === "") say("reason", "an estimated date needs a reason");
  if (!/^[a-z]{2}$/.test(form.language)) say("language", "a two-letter language code, such as en");
  const from = blankIsNull(form.translatedFrom) as string | null;
  if (from !== null && !/^[a-z]{2}$/.test(from))
    say("translatedFrom", "a two-letter language code, or blank");
  const url = blankIsNull(form.url) as string | null;
  if (url !== null && !z.url({ protocol: /^https?$/ }).safeParse(url).success)
    say("url", "an http(s) address, or blank");
  const removals = removalsOf(form.residue);
  const cleaned = cleanText(raw, removals);
  if (!cleaned.ok) say("residue", cleaned.error.message);
  else if (raw.trim() !== "" && cleaned.value.trim() === "")
    say("residue", "the removals leave no text");
  if (messages.length > 0 || !cleaned.ok || !precision.success) return { ok: false, messages };
  const article: Article = {
    id,
    title: form.title.trim(),
    titleSource: "text",
    outlet: form.outlet.trim(),
    outletConfidence: "certain",
    outletEvidence: `entered at the desk by ${options.by}`,
    author: blankIsNull(form.author.trim()) as string | null,
    published: {
      value: date,
      precision: precision.data,
      estimated,
      ...(estimated ? { reason: form.reason.trim() } : {}),
    },
    language: form.language,
    translatedFrom: from,
    url,
    originalFile: `${id}.txt`,
    sha256: createHash("sha256").update(raw).digest("hex"),
    removals,
  };
  return { ok: true, value: { article, raw, cleaned: cleaned.value } };
}
