import { PassThrough } from "node:stream";
import { until } from "../../support/until.ts";

// Cursor moves, erases and styles: what a terminal acts on rather than shows.
const ESCAPES = new RegExp(`${"\u001b"}\\[[0-9;?]*[A-Za-z]`, "g");

export const stripEscapes = (text: string) => text.replace(ESCAPES, "");

/**
 * A terminal for the shell to run in: readline over a stream pair that says it is a TTY, with
 * a fixed size. `text()` is everything written, escapes removed; keys go in one chunk per call.
 */
export function fakeTerminal(size: { columns: number; rows: number }, tty = true) {
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  const output = Object.assign(new PassThrough(), { isTTY: tty, ...size });
  let raw = "";
  output.on("data", (chunk) => {
    raw += chunk;
  });
  const text = () => stripEscapes(raw);
  return {
    input,
    output,
    raw: () => raw,
    text,
    /** Everything written from `mark` on: the screen since some earlier moment. */
    since: (mark: number) => stripEscapes(raw.slice(mark)),
    mark: () => raw.length,
    type: (keys: string) => {
      input.write(keys);
    },
    /** Waits until what was written since `mark` matches. */
    waitFor: (pattern: RegExp, mark = 0) =>
      until(() => (pattern.test(stripEscapes(raw.slice(mark))) ? true : undefined), `${pattern}`),
  };
}
