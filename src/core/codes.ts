/**
 * Every code an expected failure can carry, by namespace: inside the code a code is always
 * `namespace.name`. The JSON contract shows an answer's error code without its `reply.` prefix.
 */
export const CODES = {
  /** Why a command could not be answered (the JSON contract's `error.code`). */
  reply: [
    "unknown_command",
    "not_found",
    "ambiguous",
    "too_long",
    "bad_input",
    "forbidden",
    "unavailable",
    "internal",
  ],
  /** What the corpus check found wrong. */
  corpus: [
    "file_unreadable",
    "invalid_json",
    "schema",
    "hash_mismatch",
    "cleaning",
    "quote_not_found",
    "value_not_in_quote",
    "number_mismatch",
    "unknown_qualifier",
    "redundant_override",
    "unknown_id",
    "duplicate_id",
    "alias_not_in_text",
    "name_not_in_text",
    "date_unsourced",
    "date_not_in_quote",
    "date_not_derived",
    "unknown_word",
    "editor_alias_in_text",
    "hedge_dropped",
    "credit_not_in_quote",
    "held_text_unusable",
  ],
  /** Why a message could not be posted to a platform. */
  post: [
    "rate_limited",
    "network",
    "server_error",
    "channel_not_found",
    "channel_archived",
    "not_in_channel",
    "missing_permission",
    "auth",
    "invalid_message",
    "wrong_platform",
    "rejected",
    "original_gone",
  ],
  /** Environment variables that are missing or malformed. */
  config: ["invalid"],
  /** Digest schedules and time zones a user typed. */
  schedule: ["invalid_schedule", "invalid_time_zone"],
  /** Why the corpus store refused a publish or a stored version. */
  store: [
    "stale_parent",
    "not_found",
    "newer_format",
    "older_format",
    "hash_mismatch",
    "invalid",
    "busy",
    "held_text",
  ],
  /** Why the curation desk's store refused a write. */
  desk: ["conflict", "not_found", "invalid"],
  /** A service Factdesk depends on that did not answer. */
  service: ["unreachable"],
} as const;

type Codes = typeof CODES;
export type Namespace = keyof Codes;
/** A code of one namespace, or of any: "post.rate_limited". */
export type Code<N extends Namespace = Namespace> = { [K in N]: `${K}.${Codes[K][number]}` }[N];
