import type { Code } from "./codes.ts";

/**
 * The one shape of an expected outcome, everywhere in Factdesk: a value, or a failure that says
 * what went wrong. Exceptions are for bugs; anything a caller should handle comes back as this.
 */
export type Result<T, E = Failure> = { ok: true; value: T } | { ok: false; error: E };

/** An expected failure: a code from the vocabulary and a sentence a person can act on. */
export interface Failure<C extends Code = Code> {
  code: C;
  message: string;
}

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function fail<E>(error: E): Result<never, E> {
  return { ok: false, error };
}
