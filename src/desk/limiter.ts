/** Failed sign-ins counted per key (an account, an address); after `free` of them, a wait. */
export interface SignInLimiter {
  /** Seconds to wait before the next attempt with these keys; 0 when one may try now. */
  wait(keys: readonly string[], now: number): number;
  failed(keys: readonly string[], now: number): void;
  succeeded(key: string): void;
}

export function signInLimiter(
  options: { free?: number; windowMs?: number; baseMs?: number; maxMs?: number } = {},
): SignInLimiter {
  const free = options.free ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const baseMs = options.baseMs ?? 30_000;
  const maxMs = options.maxMs ?? 15 * 60_000;
  const failures = new Map<string, { count: number; last: number }>();
  const entry = (key: string, now: number) => {
    const e = failures.get(key);
    if (e && now - e.last > Math.max(windowMs, maxMs)) {
      failures.delete(key);
      return undefined;
    }
    return e;
  };
  return {
    wait(keys, now) {
      let until = 0;
      for (const key of keys) {
        const e = entry(key, now);
        if (!e || e.count < free) continue;
        // Doubles with each failure past the free ones: 30 s, 1 min, 2 min … up to maxMs.
        const delay = Math.min(baseMs * 2 ** (e.count - free), maxMs);
        until = Math.max(until, e.last + delay);
      }
      return Math.max(0, Math.ceil((until - now) / 1000));
    },
    failed(keys, now) {
      for (const key of keys) {
        const e = entry(key, now);
        failures.set(key, { count: (e?.count ?? 0) + 1, last: now });
      }
      // Bounded memory: forget the oldest keys first.
      while (failures.size > 10_000) failures.delete(failures.keys().next().value as string);
    },
    succeeded(key) {
      failures.delete(key);
    },
  };
}
