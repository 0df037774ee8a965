import type { Services } from "./commands/command.ts";
import { createResponder, type Responder, type ResponderDeps } from "./commands/responder.ts";
import { fail, ok, type Result } from "./core/result.ts";
import { type SnapshotHolder, snapshotHolder } from "./corpus/holder.ts";
import { releaseGarbageOncePacked } from "./garbage.ts";
import type { Logger } from "./log.ts";
import type { CorpusHistory } from "./ports/corpus-history.ts";
import type { CorpusStore } from "./ports/corpus-store.ts";
import type { DigestService } from "./ports/digest-service.ts";
import type { Settings } from "./settings.ts";
import { openCurrentVersion } from "./store/current.ts";
import { storeHistory } from "./store/history.ts";
import { openCorpusStore } from "./store/open-store.ts";

// The composition root: every entry point (shell, ask, bot, worker) is built from these, so each
// part is made one way.

/**
 * The current version in the store the settings name (an empty store is seeded from
 * FACTDESK_DATA_DIR), in a holder that hands out its snapshot, and the open store, which the
 * caller closes; or the message that refuses it, for a corpus the same one corpus:check prints.
 */
export async function openCorpus(
  settings: Settings,
  log: Logger,
): Promise<Result<{ holder: SnapshotHolder; store: CorpusStore; history: CorpusHistory }, string>> {
  const store = await openCorpusStore(settings.app.CORPUS_STORE);
  if (!store.ok) return fail(store.error.message);
  const opened = await openCurrentVersion(store.value, settings.app.FACTDESK_DATA_DIR);
  if (!opened.ok) {
    await store.value.close();
    return fail(opened.error);
  }
  const { version, indexRebuilt } = opened.value;
  if (indexRebuilt)
    log.warn({ seq: version.seq }, "stored search index in an older format: rebuilt");
  log.debug(
    { store: store.value.name, seq: version.seq, hash: version.hash },
    "corpus version loaded",
  );
  // Reading and indexing the version left its raw texts and parse trees behind, and packing its
  // texts their plain copies: collected at the first lull once they are packed, so a one-shot
  // `ask` answers without waiting for it.
  releaseGarbageOncePacked();
  return ok({
    holder: snapshotHolder(opened.value.snapshot),
    store: store.value,
    history: storeHistory(store.value),
  });
}

export function responderFor(
  holder: SnapshotHolder,
  settings: Settings,
  digests: { service: DigestService } | { service?: DigestService; unavailable: string },
  log: Logger,
  history: CorpusHistory | null,
  onAnswered?: ResponderDeps["onAnswered"],
): Responder {
  // Getters, so a bot whose Redis answers later can hand its digest service over in place.
  const services: Services = {
    get digests() {
      return "service" in digests ? (digests.service ?? null) : null;
    },
    history,
    get digestsUnavailable() {
      return "unavailable" in digests ? digests.unavailable : "";
    },
    defaultTimeZone: settings.app.DIGEST_TIMEZONE,
    now: Date.now,
  };
  return createResponder({ snapshots: holder, services, log, onAnswered });
}
