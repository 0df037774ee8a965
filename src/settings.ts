import type { DiscordConfig } from "./adapters/discord/config.ts";
import { discordConfig, hasDiscordCredentials } from "./adapters/discord/config.ts";
import {
  hasSlackCredentials,
  parseSlackConfig,
  type SlackConfig,
} from "./adapters/slack/config.ts";
import { type AppEnv, appEnv } from "./config.ts";

/** Every part's configuration, read together before anything connects anywhere. */
export interface Settings {
  app: AppEnv;
  /** null when no Slack credential is set. */
  slack: SlackConfig | null;
  /** null when no Discord credential is set. */
  discord: DiscordConfig | null;
}

export type SettingsResult = { ok: true; value: Settings } | { ok: false; message: string };

/**
 * Reads the whole environment at once: a bad Discord setting is reported together with a bad
 * Slack one, before Slack connects, and each part's message names its variables.
 */
export function readSettings(env: Record<string, string | undefined>): SettingsResult {
  const app = appEnv(env);
  const slack = hasSlackCredentials(env) ? parseSlackConfig(env) : null;
  const discord = hasDiscordCredentials(env) ? discordConfig(env) : null;
  const problems = [app, slack, discord].flatMap((r) => (r && !r.ok ? [r.message] : []));
  if (!app.ok || problems.length > 0) return { ok: false, message: problems.join("\n") };
  return {
    ok: true,
    value: {
      app: app.value,
      slack: slack?.ok ? slack.config : null,
      discord: discord?.ok ? discord.config : null,
    },
  };
}
