import { LIMITS } from "./limits.ts";

// Buttons carry their request in custom_id (≤100 characters), so whichever process gets the
// click answers it from the corpus with no stored state. "fd1" versions the format: a button
// from an older format is recognised and refused politely instead of being misread. After the
// format, "v12:" names the published version the button was made from (buttons made before
// versions were remembered have none), so a click after a newer one says "updated since".
// A Share button carries its command text too ("sharequotes" when quotes are shown), so the
// shared answer is answered again and what it shows is known; the bare "fd1:share" (too long a
// text, or a button from before) copies the message as it is.
const ANSWER_AGAIN = /^fd1:(?:v(\d{1,9}):)?(quotes|more|share|sharequotes):(.*)$/s;

/** Re-posts the message the button is on, visibly, to the channel. */
export const SHARE_BUTTON_ID = "fd1:share";

export type ButtonAction =
  /** Re-answer the command text with every citation's quote shown. */
  | { kind: "quotes"; commandText: string; madeFrom?: number }
  /** Answer a short answer's "more" command: the full card. */
  | { kind: "more"; commandText: string; madeFrom?: number }
  /** Share the answer to the command text visibly (with its quotes shown); no text: copy the message. */
  | { kind: "share"; commandText?: string; quotes?: boolean; madeFrom?: number };

function answerAgainId(
  kind: "quotes" | "more" | "share" | "sharequotes",
  commandText: string,
  seq: number | null,
): string | null {
  const id = `fd1:${seq ? `v${seq}:` : ""}${kind}:${commandText}`;
  return id.length <= LIMITS.customId ? id : null;
}

/**
 * The Show quotes custom_id for a command text answered from version `seq`, or null when the
 * text is too long to fit.
 */
export const quotesButtonId = (commandText: string, seq: number | null = null) =>
  answerAgainId("quotes", commandText, seq);

/** The More custom_id for a full card's command text, or null when it is too long to fit. */
export const moreButtonId = (commandText: string, seq: number | null = null) =>
  answerAgainId("more", commandText, seq);

/**
 * The Share custom_id for a command text answered from version `seq`, quotes shown or not; the
 * bare SHARE_BUTTON_ID when the text is too long to fit.
 */
export const shareButtonId = (commandText: string, seq: number | null, quotes: boolean) =>
  answerAgainId(quotes ? "sharequotes" : "share", commandText, seq) ?? SHARE_BUTTON_ID;

/** The action a custom_id stands for, or null when it is not one of ours (or an old format). */
export function parseButtonId(id: string): ButtonAction | null {
  if (id === SHARE_BUTTON_ID) return { kind: "share" };
  const match = ANSWER_AGAIN.exec(id);
  if (!match) return null;
  const [, seq, kind, commandText] = match as unknown as [
    string,
    string | undefined,
    "quotes" | "more" | "share" | "sharequotes",
    string,
  ];
  const madeFrom = seq ? { madeFrom: Number(seq) } : {};
  if (kind === "share" || kind === "sharequotes") {
    return { kind: "share", commandText, quotes: kind === "sharequotes", ...madeFrom };
  }
  return { kind, commandText, ...madeFrom };
}
