import { discordAdapter } from "./adapters/discord/adapter.ts";
import { createRest } from "./adapters/discord/client.ts";
import { slackAdapter } from "./adapters/slack/adapter.ts";
import { postingClient } from "./adapters/slack/post.ts";
import type { Services } from "./commands/command.ts";
import { createResponder, type Responder } from "./commands/responder.ts";
import { fail, ok, type Result } from "./core/result.ts";
import { corpusFailureMessage } from "./corpus/failure.ts";
import { type SnapshotHolder, snapshotHolder } from "./corpus/holder.ts";
import { openDataDir } from "./corpus/open.ts";
import type { Logger } from "./log.ts";
import type { DigestService } from "./ports/digest-service.ts";
import type { Poster } from "./ports/poster.ts";
import type { Settings } from "./settings.ts";

// The composition root: every entry point (shell, ask, bot, worker) is built from these, so each
// part is made one way.

/**
 * The corpus the settings name, checked and indexed, in a holder that hands out its snapshot; or
 * the message that refuses it, the same one npm run corpus:check prints.
 */
export async function openCorpus(settings: Settings): Promise<Result<SnapshotHolder, string>> {
  const opened = await openDataDir(settings.app.FACTDESK_DATA_DIR);
  if (!opened.ok) return fail(corpusFailureMessage(opened.error));
  return ok(snapshotHolder(opened.value));
}

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

export function responderFor(
  holder: SnapshotHolder,
  settings: Settings,
  digests: { service: DigestService } | { unavailable: string },
  log: Logger,
): Responder {
  const services: Services = {
    digests: "service" in digests ? digests.service : null,
    // Until the corpus store lands, the corpus is read from a directory and has no history.
    history: null,
    digestsUnavailable: "unavailable" in digests ? digests.unavailable : "",
    defaultTimeZone: settings.app.DIGEST_TIMEZONE,
    now: Date.now,
  };
  return createResponder({ snapshots: holder, services, log });
}
