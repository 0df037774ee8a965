import { discordAdapter } from "./adapters/discord/adapter.ts";
import { createRest } from "./adapters/discord/client.ts";
import { slackAdapter } from "./adapters/slack/adapter.ts";
import { postingClient } from "./adapters/slack/post.ts";
import type { Poster } from "./ports/poster.ts";
import type { Settings } from "./settings.ts";

// Apart from compose.ts so the shell and `ask`, which post nowhere, do not load the platform SDKs.

/** One poster per platform with credentials, for digests: the bot and the worker alike. */
export function platformPosters(settings: Settings): Map<string, Poster> {
  const posters = new Map<string, Poster>();
  if (settings.slack) {
    const { botToken, apiUrl } = settings.slack;
    posters.set("slack", slackAdapter(postingClient(botToken, { apiUrl })));
  }
  if (settings.discord) posters.set("discord", discordAdapter(createRest(settings.discord)));
  return posters;
}
