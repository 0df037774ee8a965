import { z } from "zod";

export type Env = Record<string, string | undefined>;

/** The environment variables that mean "run Slack": any one of them set asks for the adapter. */
const CREDENTIALS = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"] as const;

/** True when the environment asks for Slack; start-up then names whatever else is missing. */
export function hasSlackCredentials(env: Env): boolean {
  return CREDENTIALS.some((name) => (env[name] ?? "").trim() !== "");
}

// An empty variable (`SLACK_APP_TOKEN=` in a .env file) means unset, not an invalid value.
const unsetIfBlank = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const missing = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `is missing: ${what}` : undefined;

const SlackEnv = z.object({
  SLACK_BOT_TOKEN: z.preprocess(
    unsetIfBlank,
    z
      .string({ error: missing("the Bot User OAuth Token (xoxb-…) from OAuth & Permissions") })
      .trim()
      .startsWith("xoxb-", "must be a bot token starting with xoxb-"),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    unsetIfBlank,
    z
      .string()
      .trim()
      .startsWith("xapp-", "must be an app-level token starting with xapp-")
      .optional(),
  ),
  SLACK_SIGNING_SECRET: z.preprocess(unsetIfBlank, z.string().trim().optional()),
  PORT: z.preprocess(
    unsetIfBlank,
    z.coerce
      .number({ error: "must be a port number" })
      .int("must be a whole number")
      .min(0, "must be 0-65535")
      .max(65535, "must be 0-65535")
      .default(3000),
  ),
  SLACK_API_URL: z.preprocess(
    unsetIfBlank,
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  ),
  SLACK_DIGEST_MANAGERS: z.preprocess(
    unsetIfBlank,
    z
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
  ),
  SLACK_COMMAND: z.preprocess(
    unsetIfBlank,
    z
      .string()
      .trim()
      .regex(
        /^\/?[a-z0-9_-]{1,31}$/,
        'must be a command name like "factdesk" (lower case, 32 characters at most)',
      )
      // Accepted with or without its slash; Bolt matches it with the slash.
      .transform((name) => (name.startsWith("/") ? name : `/${name}`))
      .default("/factdesk"),
  ),
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

export type SlackConfigResult = { ok: true; config: SlackConfig } | { ok: false; message: string };

/**
 * Reads Slack's settings from the environment. Socket Mode when SLACK_APP_TOKEN is set, HTTP
 * otherwise. The failure message names each variable at fault and never echoes a value.
 */
export function parseSlackConfig(env: Env): SlackConfigResult {
  const parsed = SlackEnv.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
  // Checked outside the schema so it is reported alongside any other problem, not after it.
  if (
    unsetIfBlank(env.SLACK_APP_TOKEN) === undefined &&
    unsetIfBlank(env.SLACK_SIGNING_SECRET) === undefined
  ) {
    problems.push(
      "SLACK_SIGNING_SECRET is missing: HTTP mode needs the Signing Secret from Basic Information (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  }
  if (!parsed.success || problems.length > 0) {
    const lines = problems.map((p) => `  - ${p}`).join("\n");
    return {
      ok: false,
      message: `Slack configuration is incomplete:\n${lines}\nSee .env.example.`,
    };
  }
  const e = parsed.data;
  const common: Common = {
    botToken: e.SLACK_BOT_TOKEN,
    command: e.SLACK_COMMAND,
    apiUrl: e.SLACK_API_URL,
    digestManagers: e.SLACK_DIGEST_MANAGERS,
  };
  if (e.SLACK_APP_TOKEN)
    return { ok: true, config: { ...common, mode: "socket", appToken: e.SLACK_APP_TOKEN } };
  return {
    ok: true,
    // Checked above: without an app token there is a signing secret.
    config: { ...common, mode: "http", signingSecret: e.SLACK_SIGNING_SECRET ?? "", port: e.PORT },
  };
}
