import type { Caller } from "./command.ts";

// Answers are short by default; "more <command>" asks for the full card, and a bare "more" for
// the full card of the caller's last short answer (what the shell's "type more" hint means).

export const MORE_USAGE = "more [command]";
export const MORE_SUMMARY =
  'The full card: answers are short, one screen; "more" alone expands your last one. e.g. more actor iskp';

const MORE = /^more(?:\s+(.*))?$/is;

/** The command text a "more …" request wants in full ("" for a bare "more"), or null. */
export function moreRequest(text: string): string | null {
  const match = MORE.exec(text.trim());
  return match ? (match[1] ?? "").trim() : null;
}

/** "more actor iskp": the command text of the full answer to `text`. */
export const moreCommand = (text: string) => `more ${text}`;

/** The message when a bare "more" has nothing before it to expand. */
export const NOTHING_MORE =
  'Nothing to show more of yet: ask something first, or type "more" before a command, e.g. "more actor iskp".';

/** A short answer's command text and the published seq it was answered from. */
export interface ShortAnswer {
  text: string;
  seq: number | null;
}

/** Each caller's last short answer, so a bare "more" can expand it; bounded, oldest dropped first. */
export function lastShortAnswers(max = 10_000) {
  const byCaller = new Map<string, ShortAnswer>();
  const key = (c: Caller) => [c.platform, c.workspaceId, c.channelId, c.userId].join("\u0000");
  return {
    /** `answer` is the caller's latest answer if it was short, else null. */
    remember(caller: Caller, answer: ShortAnswer | null): void {
      const k = key(caller);
      byCaller.delete(k);
      if (answer === null) return;
      byCaller.set(k, answer);
      if (byCaller.size > max) byCaller.delete(byCaller.keys().next().value as string);
    },
    recall: (caller: Caller): ShortAnswer | undefined => byCaller.get(key(caller)),
  };
}
