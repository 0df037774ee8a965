/**
 * How much of an answer a terminal shows: a terminal takes text of any length, but a reader
 * scrolls through it, so sections are cut far beyond any corpus answer yet long before megabytes.
 */
export const LIMITS = {
  /** Characters of one section's items. */
  section: 20_000,
  /** Characters of all sections together. */
  sections: 100_000,
} as const;
