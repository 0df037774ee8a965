import { LIMITS } from "./limits.ts";

// Buttons carry their request in custom_id (≤100 characters), so whichever process gets the
// click answers it from the corpus with no stored state. "fd1" versions the format: a button
// from an older format is recognised and refused politely instead of being misread.
const QUOTES_PREFIX = "fd1:quotes:";
const MORE_PREFIX = "fd1:more:";

/** Re-posts the message the button is on, visibly, to the channel. */
export const SHARE_BUTTON_ID = "fd1:share";

export type ButtonAction =
  /** Re-answer the command text with every citation's quote shown. */
  | { kind: "quotes"; commandText: string }
  /** Answer a short answer's "more" command: the full card. */
  | { kind: "more"; commandText: string }
  | { kind: "share" };

/** The Show quotes custom_id for a command text, or null when the text is too long to fit. */
export function quotesButtonId(commandText: string): string | null {
  const id = QUOTES_PREFIX + commandText;
  return id.length <= LIMITS.customId ? id : null;
}

/** The More custom_id for a full card's command text, or null when it is too long to fit. */
export function moreButtonId(commandText: string): string | null {
  const id = MORE_PREFIX + commandText;
  return id.length <= LIMITS.customId ? id : null;
}

/** The action a custom_id stands for, or null when it is not one of ours (or an old format). */
export function parseButtonId(id: string): ButtonAction | null {
  if (id === SHARE_BUTTON_ID) return { kind: "share" };
  if (id.startsWith(QUOTES_PREFIX)) {
    return { kind: "quotes", commandText: id.slice(QUOTES_PREFIX.length) };
  }
  if (id.startsWith(MORE_PREFIX))
    return { kind: "more", commandText: id.slice(MORE_PREFIX.length) };
  return null;
}
