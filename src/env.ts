import type { z } from "zod";
import type { Code } from "./core/codes.ts";
import { type Failure, fail, ok, type Result } from "./core/result.ts";

/** The environment's one failure: the message lists every variable at fault. */
export type ConfigFailure = Failure<Code<"config">>;

/**
 * Parses one part of the environment with its schema. Blank variables (an empty line copied from
 * .env.example) count as unset. The failure message names every variable that is missing or
 * wrong, one line each ("NAME is missing: hint", "NAME must be …"), never echoing a value.
 * `check` adds problems that span variables; it sees the set variables, so its problems are
 * named alongside the schema's rather than after them are fixed.
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
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues).map((i) => {
      const name = i.path.join(".") || "(environment)";
      if (String(i.path[0]) in set) return `${name} ${i.message}`;
      // A schema may give a missing variable a hint: where to find the value.
      return i.message.startsWith("Invalid input")
        ? `${name} is missing`
        : `${name} is missing: ${i.message}`;
    }),
    ...check(set),
  ];
  if (parsed.success && problems.length === 0) return ok(parsed.data);
  const lines = problems.map((p) => `  - ${p}`).join("\n");
  return fail({
    code: "config.invalid",
    message: `${what} configuration is incomplete:\n${lines}\nSee .env.example.`,
  });
}
