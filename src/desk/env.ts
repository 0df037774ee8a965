import { z } from "zod";
import type { Result } from "../core/result.ts";
import { type ConfigFailure, parseEnv } from "../env.ts";

const DeskEnv = z.object({
  DESK_PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(1, "must be 1-65535")
    .max(65535, "must be 1-65535")
    .default(3100),
  /** Where the desk listens: loopback unless a deployment (docker) opens it. */
  DESK_HOST: z.string().min(1).default("127.0.0.1"),
  /** How long a sign-in lasts. */
  DESK_SESSION_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .positive("must be more than 0")
    .max(24 * 30, "must be at most 720")
    .default(12),
});
export type DeskEnv = z.infer<typeof DeskEnv>;

export function deskEnv(env: NodeJS.ProcessEnv): Result<DeskEnv, ConfigFailure> {
  return parseEnv(DeskEnv, env, "The desk");
}
