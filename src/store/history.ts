import { loadPublishedCorpus } from "../core/corpus/validate.ts";
import { fail, ok } from "../core/result.ts";
import { corpusFailureMessage } from "../corpus/failure.ts";
import type { CorpusHistory } from "../ports/corpus-history.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";

/** The published versions in a store, for `changes`: each read through the publish-time fast load. */
export function storeHistory(store: CorpusStore): CorpusHistory {
  return {
    async releases() {
      const log = await store.log();
      if (!log.ok) return log;
      return ok(
        log.value.map(({ seq, publishedAt, by, note }) => ({ seq, publishedAt, by, note })),
      );
    },
    async corpusAt(seq) {
      const version = await store.get(seq);
      if (!version.ok) return version;
      const loaded = loadPublishedCorpus(version.value.content.files);
      return loaded.ok
        ? ok(loaded.value)
        : fail({
            code: "store.invalid",
            message: `version ${seq} does not load: ${corpusFailureMessage(loaded.error)}`,
          });
    },
  };
}
