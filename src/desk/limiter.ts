import type { DeskStore } from "../ports/desk-store.ts";

/**
 * Failed sign-ins counted per key (an account, an address); after `free` of them, a wait. The
 * counts live in the desk store, so a restart or a second desk process does not reset them.
 */
export interface SignInLimiter {
  /** Seconds to wait before the next attempt with these keys; 0 when one may try now. */
  wait(keys: readonly string[], now: number): Promise<number>;
  failed(keys: readonly string[], now: number): Promise<void>;
  succeeded(key: string): Promise<void>;
}

export function signInLimiter(
  store: Pick<DeskStore, "signInFailures" | "failedSignIn" | "forgetSignIns">,
  options: { free?: number; windowMs?: number; baseMs?: number; maxMs?: number } = {},
): SignInLimiter {
  const free = options.free ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const baseMs = options.baseMs ?? 30_000;
  const maxMs = options.maxMs ?? 15 * 60_000;
  // A count is forgotten once no failure came for longer than the longest wait.
  const forgetMs = Math.max(windowMs, maxMs);
  return {
    async wait(keys, now) {
      let until = 0;
      for (const key of keys) {
        const e = await store.signInFailures(key);
        if (!e || now - e.last > forgetMs || e.count < free) continue;
        // Doubles with each failure past the free ones: 30 s, 1 min, 2 min … up to maxMs.
        const delay = Math.min(baseMs * 2 ** (e.count - free), maxMs);
        until = Math.max(until, e.last + delay);
      }
      return Math.max(0, Math.ceil((until - now) / 1000));
    },
    async failed(keys, now) {
      for (const key of keys) await store.failedSignIn(key, now, forgetMs);
    },
    succeeded: (key) => store.forgetSignIns(key),
  };
}
