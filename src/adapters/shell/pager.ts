/** What a key at the pager's prompt asks for. */
export type PagerKey = "page" | "line" | "quit";

export const PAGER_PROMPT = "-- more (space/enter, q) --";
// Back to the start of the line and erase it: the prompt goes once a key is pressed.
const ERASE_LINE = "\r\u001b[K";

/**
 * Shows lines a screen at a time, like more(1): space shows the next screen, enter one more
 * line, q (or Ctrl-C) the rest is skipped. Text that fits the screen is written at once.
 * `kept` rows above the text stay in view on the first screen: the command that was asked.
 */
export async function page(
  lines: readonly string[],
  rows: number,
  write: (text: string) => void,
  nextKey: () => Promise<PagerKey>,
  kept = 0,
): Promise<void> {
  // One row stays for the prompt below the page.
  const height = Math.max(1, rows - 1);
  let shown = 0;
  let step = Math.max(1, height - kept);
  while (shown < lines.length) {
    const end = Math.min(lines.length, shown + step);
    write(`${lines.slice(shown, end).join("\n")}\n`);
    shown = end;
    if (shown === lines.length) return;
    write(PAGER_PROMPT);
    const key = await nextKey();
    write(ERASE_LINE);
    if (key === "quit") return;
    step = key === "line" ? 1 : height;
  }
}
