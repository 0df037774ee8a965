import type { z } from "zod";
import type { Code } from "./core/codes.ts";
import { type Failure, fail, ok, type Result } from "./core/result.ts";

/** The environment's one failure: the message lists every variable at fault. */
export type ConfigFailure = Failure<Code<"config">>;

type Issue = z.core.$ZodIssue;

/** Zod's own wording ("Invalid option: expected one of …"), which means nothing to an operator. */
const VALIDATOR_WORDING = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

/** A validator's issue in plain words: the schema's own message, else one made from its kind. */
function plainProblem(issue: Issue): string {
  if (!VALIDATOR_WORDING.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_value": {
      const values = issue.values.map(String);
      const last = values.pop();
      return values.length > 0 ? `must be ${values.join(", ")} or ${last}` : `must be ${last}`;
    }
    case "invalid_format":
      return issue.format === "url"
        ? "must be a URL"
        : `is not in the expected ${issue.format} form`;
    case "invalid_type":
      return issue.expected === "int" || issue.expected === "number"
        ? "must be a number"
        : "is not a valid value";
    case "too_small":
      return `must be at least ${issue.minimum}`;
    case "too_big":
      return `must be at most ${issue.maximum}`;
    default:
      return "is not a valid value";
  }
}

/**
 * Parses one part of the environment with its schema. Blank variables (an empty line copied from
 * .env.example) count as unset. The failure message names every variable that is missing or
 * wrong, one line each ("NAME is missing: hint", "NAME must be …"), in plain words and never
 * echoing a value; a list variable with several bad entries is one line. `check` adds problems
 * that span variables; it sees the set variables, so its problems are named alongside the
 * schema's rather than after them are fixed.
 */
export function parseEnv<T>(
  schema: z.ZodType<T>,
  env: Record<string, string | undefined>,
  what: string,
  check: (set: Record<string, string>) => string[] = () => [],
): Result<T, ConfigFailure> {
  const set = Object.fromEntries(
    Object.entries(env).filter(
      (e): e is [string, string] => e[1] !== undefined && e[1].trim() !== "",
    ),
  );
  const parsed = schema.safeParse(set);
  let missingOnly = true;
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues).map((i) => {
      // The variable, not the entry of a list it holds (SLACK_DIGEST_MANAGERS, not ….2).
      const name = i.path.length > 0 ? String(i.path[0]) : "(environment)";
      if (name in set) {
        missingOnly = false;
        return `${name} ${plainProblem(i)}`;
      }
      // A schema may give a missing variable a hint: where to find the value.
      return VALIDATOR_WORDING.test(i.message)
        ? `${name} is missing`
        : `${name} is missing: ${i.message}`;
    }),
    ...check(set),
  ];
  if (parsed.success && problems.length === 0) return ok(parsed.data);
  const lines = [...new Set(problems)].map((p) => `  - ${p}`).join("\n");
  const state = missingOnly ? "is incomplete" : "is not valid";
  return fail({
    code: "config.invalid",
    message: `${what} configuration ${state}:\n${lines}\nSee .env.example.`,
  });
}
