import type { EventEmitter } from "node:events";
import type { PagerKey } from "./pager.ts";

interface Key {
  name?: string;
  ctrl?: boolean;
}

function pagerKey(key: Key | undefined): PagerKey | null {
  if (!key) return null;
  if (key.ctrl && (key.name === "c" || key.name === "d")) return "quit";
  if (key.name === "space") return "page";
  if (key.name === "return" || key.name === "enter") return "line";
  if (key.name === "q" || key.name === "escape") return "quit";
  return null;
}

/**
 * The next key meant for the pager. Readline listens to the terminal's keypresses; while the
 * pager waits, its listeners are set aside, so the key neither lands in the line being edited
 * nor submits it. Other keys are ignored; the input ending counts as q.
 */
export function readPagerKey(input: EventEmitter): Promise<PagerKey> {
  const held = input.listeners("keypress") as Array<(...args: unknown[]) => void>;
  for (const listener of held) input.off("keypress", listener);
  return new Promise((resolve) => {
    const finish = (key: PagerKey) => {
      input.off("keypress", onKey);
      input.off("end", onEnd);
      for (const listener of held) input.on("keypress", listener);
      resolve(key);
    };
    const onKey = (_: unknown, key: Key | undefined) => {
      const wanted = pagerKey(key);
      if (wanted) finish(wanted);
    };
    const onEnd = () => finish("quit");
    input.on("keypress", onKey);
    input.on("end", onEnd);
  });
}
