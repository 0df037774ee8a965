// Turning plain text (user and corpus text) into Slack text safely, and cutting it to size.

const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

// Slack has no escape for its formatting characters, so look-alikes stand in for them: user or
// corpus text can then never open bold, italics, strike-through or a code span that would restyle
// or swallow the text after it. A zero-width space would not do: it makes Slack format *more*.
const LOOKALIKE: Record<string, string> = {
  "*": "\u2217",
  _: "\u02CD",
  "~": "\u223C",
  "`": "\u02CB",
};

/** Invisible; between "@" and a word it stops any parsing of "@here", "@channel" or "@name". */
const WORD_JOINER = "\u2060";
/** Lets bold start or end mid-word (Slack only formats at word boundaries otherwise). */
const ZERO_WIDTH_SPACE = "\u200B";
const ELLIPSIS = "…";

// Each rewrite is skipped when its characters are absent, the usual case: rendering an answer
// escapes hundreds of strings, and a failed search is far cheaper than a replace.
function neutraliseAts(text: string): string {
  if (!text.includes("@")) return text;
  return text.replace(/@(?=[*\u200B]*[\p{L}\p{N}_])/gu, `@${WORD_JOINER}`);
}

/**
 * Text for a plain_text object: Slack's three control characters become entities and "@word" is
 * broken as in mrkdwn (plain_text is not parsed for mentions, but costs nothing to be sure).
 */
export function escapePlain(text: string): string {
  return neutraliseAts(text.replace(/[&<>]/g, (c) => ENTITY[c] ?? c));
}

const LINE_BREAK = /[\r\n\u2028\u2029]/;
const SPECIAL = /[&<>*_~`]/;

function escapeChars(text: string): string {
  // One line: a line starting with "&gt;" would become a quote.
  const line = LINE_BREAK.test(text) ? text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ") : text;
  return SPECIAL.test(line)
    ? line.replace(/[&<>*_~`]/g, (c) => ENTITY[c] ?? LOOKALIKE[c] ?? c)
    : line;
}

/**
 * Plain text as one line of mrkdwn that formats nothing, links nothing and mentions no one:
 * control characters become entities, formatting characters look-alikes, "@word" is broken.
 */
export function escapeMrkdwn(text: string): string {
  return neutraliseAts(escapeChars(text));
}

/**
 * Literal text as a code span, which Slack shows as typed: "*" stays "*" for copy and paste
 * (look-alikes would not survive it). Only entities and "@word" are neutralised; a backtick,
 * which would end the span, and line breaks are dropped.
 */
export function code(text: string): string {
  const inner = escapePlain(text.replace(/`/g, "").replace(/\s*[\r\n\u2028\u2029]+\s*/g, " "));
  return inner.trim() ? `\`${inner}\`` : "";
}

/** Escaped text in which each "quoted" part, an example to type, becomes a code span. */
export function escapeWithCode(text: string): string {
  return text
    .split(/"([^"\r\n]+)"/)
    .map((part, i) => (i % 2 === 1 ? code(part) || escapeMrkdwn(`"${part}"`) : escapeMrkdwn(part)))
    .join("");
}

const LINKISH = /:\/\/|\bwww\.|\p{L}\.\p{L}{2}/u;

/**
 * Text in which nothing reads as a link: Slack links URLs and bare domains in what it shows,
 * so a URL typed into a query and echoed in a shared answer would become clickable in the
 * channel. A word joiner (invisible) after "://", "www." and a domain's dots stops that.
 */
export function inertLinks(text: string): string {
  if (!LINKISH.test(text)) return text;
  return text
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/\b(www)\./gi, `$1.${WORD_JOINER}`)
    .replace(/(\p{L})\.(?=\p{L}{2})/gu, `$1.${WORD_JOINER}`);
}

/** Escaped text in bold; nothing when the text is blank (Slack would show the bare markers). */
export function bold(text: string): string {
  const inner = escapeMrkdwn(text.trim());
  return inner ? `*${inner}*` : "";
}

/** Escaped text in italics; nothing when the text is blank. */
export function italic(text: string): string {
  const inner = escapeMrkdwn(text.trim());
  return inner ? `_${inner}_` : "";
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isLowSurrogate = (text: string, i: number) => /[\uDC00-\uDFFF]/.test(text[i] ?? "");

/** Clamps, sorts and merges [start, end) ranges, trimming spaces Slack would not embolden. */
function cleanRanges(text: string, ranges: readonly (readonly [number, number])[]) {
  const clamp = (n: number) => Math.max(0, Math.min(text.length, Math.trunc(n)));
  const sorted = ranges
    .map(([s, e]) => [clamp(s), clamp(e)] as [number, number])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged
    .map(([s, e]) => {
      let start = s;
      let end = e;
      if (isLowSurrogate(text, start)) start--;
      if (isLowSurrogate(text, end)) end++;
      while (start < end && /\s/.test(text[start] ?? "")) start++;
      while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
      return [start, end] as const;
    })
    .filter(([s, e]) => s < e);
}

/** Escaped text with the given [start, end) ranges in bold (search hits). */
export function highlightMrkdwn(text: string, ranges: readonly (readonly [number, number])[]) {
  let out = "";
  let at = 0;
  for (const [start, end] of cleanRanges(text, ranges)) {
    out += escapeChars(text.slice(at, start));
    const glueBefore = isWordChar(text[start - 1]) ? ZERO_WIDTH_SPACE : "";
    const glueAfter = isWordChar(text[end]) ? ZERO_WIDTH_SPACE : "";
    out += `${glueBefore}*${escapeChars(text.slice(start, end))}*${glueAfter}`;
    at = end;
  }
  return neutraliseAts(out + escapeChars(text.slice(at)));
}

/** Drops what a cut left half-done at the end: an entity or half a surrogate pair. */
function cleanCut(text: string): string {
  return text.replace(/&[a-z]*$/, "").replace(/[\uD800-\uDBFF]$/, "");
}

/** Shortens escaped plain_text to `max`, ending with "…". */
export function clipPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${cleanCut(text.slice(0, max - 1))}${ELLIPSIS}`;
}

/**
 * Shortens escaped mrkdwn to `max`, ending with "…". Escaped text has no literal "*" or "_" of
 * its own, so an odd count means the cut split a pair: the unclosed marker goes.
 */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = cleanCut(text.slice(0, max - 1));
  for (const marker of ["*", "_"]) {
    if (cut.split(marker).length % 2 === 0) {
      const at = cut.lastIndexOf(marker);
      cut = cut.slice(0, at) + cut.slice(at + 1);
    }
  }
  return `${cut}${ELLIPSIS}`;
}

/** Escaped `text` linked to `url` when it is a plain http(s) address; the text alone otherwise. */
export function linked(text: string, url: string | null): string {
  return url && /^https?:\/\/[^\s<>|]+$/.test(url) ? `<${url}|${text}>` : text;
}
