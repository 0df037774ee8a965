import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { readPagerKey } from "../../../src/adapters/shell/keys.ts";
import { PAGER_PROMPT, type PagerKey, page } from "../../../src/adapters/shell/pager.ts";

const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`);

/** Pages `lines` on a screen of `rows`, pressing `keys` in turn; what was written, in order. */
async function paged(rows: number, keys: PagerKey[]) {
  const out: string[] = [];
  const pressed = [...keys];
  await page(
    lines,
    rows,
    (t) => out.push(t),
    async () => pressed.shift() ?? "quit",
  );
  return { out: out.join(""), left: pressed.length };
}

describe("the pager", () => {
  it("writes text that fits the screen at once, with no prompt", async () => {
    const { out } = await paged(13, []);
    expect(out).toBe(`${lines.join("\n")}\n`);
  });

  it("shows a screen less one row, then a screen per space and a line per enter", async () => {
    const { out, left } = await paged(5, ["page", "line", "page"]);
    const screens = out.split(PAGER_PROMPT).map((s) => s.replace("\r\u001b[K", ""));
    expect(screens).toEqual([
      "line 1\nline 2\nline 3\nline 4\n",
      "line 5\nline 6\nline 7\nline 8\n",
      "line 9\n",
      "line 10\nline 11\nline 12\n",
    ]);
    expect(left).toBe(0);
  });

  it("keeps rows above the text in view on the first screen", async () => {
    const out: string[] = [];
    await page(
      lines,
      5,
      (t) => out.push(t),
      async () => "page",
      1,
    );
    expect(out[0]).toBe("line 1\nline 2\nline 3\n");
    expect(out[3]).toBe("line 4\nline 5\nline 6\nline 7\n");
  });

  it("stops at q, leaving the rest unshown", async () => {
    const { out } = await paged(5, ["quit", "page"]);
    expect(out).toContain("line 4");
    expect(out).not.toContain("line 5");
  });
});

describe("keys at the pager's prompt", () => {
  it("are taken from readline's listeners while it waits, and given back after", async () => {
    const input = new EventEmitter();
    const typed: string[] = [];
    input.on("keypress", (s: string) => typed.push(s));
    const key = readPagerKey(input);
    input.emit("keypress", "x", { name: "x" });
    input.emit("keypress", " ", { name: "space" });
    expect(await key).toBe("page");
    input.emit("keypress", "a", { name: "a" });
    expect(typed).toEqual(["a"]);
  });

  it("read enter as a line, q and Ctrl-C as quit, and the input ending as quit", async () => {
    const input = new EventEmitter();
    const next = (emit: () => void) => {
      const key = readPagerKey(input);
      emit();
      return key;
    };
    expect(await next(() => input.emit("keypress", "\r", { name: "return" }))).toBe("line");
    expect(await next(() => input.emit("keypress", "q", { name: "q" }))).toBe("quit");
    expect(await next(() => input.emit("keypress", "\u0003", { name: "c", ctrl: true }))).toBe(
      "quit",
    );
    expect(await next(() => input.emit("end"))).toBe("quit");
    expect(input.listenerCount("end")).toBe(0);
  });
});
