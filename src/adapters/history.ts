// How every platform's poster reads a channel's history back to find a post it may have made.

/**
 * Clocks differ between a worker and the platform: reading from a minute before the slot costs
 * nothing (the idempotency key is unique) and misses no post the platform dated a little early.
 */
export const CLOCK_SKEW_MS = 60_000;
/** Messages per page (the most Slack and Discord serve), and pages read between the slot and now at most. */
export const HISTORY_PAGE = 100;
export const HISTORY_PAGES = 5;
