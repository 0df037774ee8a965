import type { DiscordConfig } from "./adapters/discord/config.ts";
import { discordConfig, hasDiscordCredentials } from "./adapters/discord/config.ts";
import {
  hasSlackCredentials,
  parseSlackConfig,
  type SlackConfig,
} from "./adapters/slack/config.ts";
import { type AppEnv, appEnv } from "./config.ts";
import { type Failure, fail, ok, type Result } from "./core/result.ts";

/** Every part's configuration, read together before anything connects anywhere. */
export interface Settings {
  app: AppEnv;
  /** null when no Slack credential is set. */
  slack: SlackConfig | null;
  /** null when no Discord credential is set. */
  discord: DiscordConfig | null;
}

/**
 * Reads the whole environment at once: a bad Discord setting is reported together with a bad
 * Slack one, before Slack connects, and each part's message names its variables.
 */
export function readSettings(
  env: Record<string, string | undefined>,
): Result<Settings, Failure<"config.invalid">> {
  const app = appEnv(env);
  const slack = hasSlackCredentials(env) ? parseSlackConfig(env) : null;
  const discord = hasDiscordCredentials(env) ? discordConfig(env) : null;
  const problems = [app, slack, discord].flatMap((r) => (r && !r.ok ? [r.error.message] : []));
  if (!app.ok || problems.length > 0) {
    return fail({ code: "config.invalid", message: problems.join("\n") });
  }
  return ok({
    app: app.value,
    slack: slack?.ok ? slack.value : null,
    discord: discord?.ok ? discord.value : null,
  });
}
