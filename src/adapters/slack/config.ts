import { z } from "zod";
import { ok, type Result } from "../../core/result.ts";
import { type ConfigFailure, parseEnv } from "../../env.ts";

export type Env = Record<string, string | undefined>;

/** The environment variables that mean "run Slack": any one of them set asks for the adapter. */
const CREDENTIALS = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"] as const;

/** True when the environment asks for Slack; start-up then names whatever else is missing. */
export function hasSlackCredentials(env: Env): boolean {
  return CREDENTIALS.some((name) => (env[name] ?? "").trim() !== "");
}

const SlackEnv = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: "the Bot User OAuth Token (xoxb-…) from OAuth & Permissions" })
    .trim()
    .startsWith("xoxb-", "must be a bot token starting with xoxb-"),
  SLACK_APP_TOKEN: z
    .string()
    .trim()
    .startsWith("xapp-", "must be an app-level token starting with xapp-")
    .optional(),
  SLACK_SIGNING_SECRET: z.string().trim().optional(),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0, "must be 0-65535")
    .max(65535, "must be 0-65535")
    .default(3000),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  SLACK_DIGEST_MANAGERS: z
    .string()
    .transform((list) =>
      list
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[UW][A-Z0-9]+$/, "must list Slack user ids like U012ABCDEF, comma-separated"),
      ),
    )
    .default([]),
  SLACK_COMMAND: z
    .string()
    .trim()
    .regex(
      /^\/?[a-z0-9_-]{1,31}$/,
      'must be a command name like "factdesk" (lower case, 32 characters at most)',
    )
    // Accepted with or without its slash; Bolt matches it with the slash.
    .transform((name) => (name.startsWith("/") ? name : `/${name}`))
    .default("/factdesk"),
});
interface Common {
  botToken: string;
  /** Slash command name, with its slash. */
  command: string;
  /** Web API base URL, when not Slack's own (a proxy, or a local fake in tests). */
  apiUrl: string | undefined;
  /** Users who may manage digests besides workspace admins and owners. */
  digestManagers: string[];
}

export type SlackConfig =
  | (Common & { mode: "socket"; appToken: string })
  | (Common & { mode: "http"; signingSecret: string; port: number });

/**
 * Reads Slack's settings from the environment. Socket Mode when SLACK_APP_TOKEN is set, HTTP
 * otherwise. The failure message names each variable at fault and never echoes a value.
 */
export function parseSlackConfig(env: Env): Result<SlackConfig, ConfigFailure> {
  const parsed = parseEnv(SlackEnv, env, "Slack", (set) =>
    set.SLACK_APP_TOKEN || set.SLACK_SIGNING_SECRET
      ? []
      : [
          "SLACK_SIGNING_SECRET is missing: HTTP mode needs the Signing Secret from Basic Information (or set SLACK_APP_TOKEN for Socket Mode)",
        ],
  );
  if (!parsed.ok) return parsed;
  const e = parsed.value;
  const common: Common = {
    botToken: e.SLACK_BOT_TOKEN,
    command: e.SLACK_COMMAND,
    apiUrl: e.SLACK_API_URL,
    digestManagers: e.SLACK_DIGEST_MANAGERS,
  };
  if (e.SLACK_APP_TOKEN) {
    return ok({ ...common, mode: "socket", appToken: e.SLACK_APP_TOKEN });
  }
  // The check above guarantees a signing secret when there is no app token.
  return ok({ ...common, mode: "http", signingSecret: e.SLACK_SIGNING_SECRET ?? "", port: e.PORT });
}
