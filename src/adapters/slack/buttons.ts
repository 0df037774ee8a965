import { z } from "zod";
import { LIMITS } from "./limits.ts";

/** Action ids of Factdesk's buttons. Suggestions are numbered: ids must differ within a message. */
export const ACTION = {
  quotes: "factdesk_quotes",
  share: "factdesk_share",
  more: "factdesk_more",
  suggest: (index: number) => `factdesk_suggest_${index}`,
} as const;

/** Buttons that answer again for whoever clicked: the quotes toggle, More and the suggestions. */
export const ANSWER_AGAIN = /^factdesk_(quotes|more|suggest_\d+)$/;

// A button carries the command text, never the rendered answer: an answer is deterministic for
// one corpus version, so re-answering on click keeps the value far inside Slack's 2000 characters.
// `v` is the published seq it was made from, so a click after a newer one says "updated since";
// buttons made before it was added have none.
const ButtonValue = z.strictObject({
  text: z.string(),
  quotes: z.boolean(),
  v: z.number().int().positive().optional(),
});
export type ButtonValue = z.infer<typeof ButtonValue>;

/** The value to put on a button; null when it would not fit (the button is then left out). */
export function encodeButtonValue(value: ButtonValue): string | null {
  const encoded = JSON.stringify(value);
  return encoded.length <= LIMITS.buttonValue ? encoded : null;
}

/** Reads a button's value back; null for anything Factdesk did not write. */
export function decodeButtonValue(raw: string | undefined): ButtonValue | null {
  if (raw === undefined) return null;
  try {
    const parsed = ButtonValue.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
