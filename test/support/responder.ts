import { pino } from "pino";
import type { Corpus } from "../../src/core/corpus/types.ts";
import type { DigestService } from "../../src/digests/service.ts";
import { createResponder, type Responder } from "../../src/respond.ts";

/** The app's responder for tests: digests go to `digests` when given, else say they are off. */
export function testResponder(corpus: Corpus, digests: DigestService | null = null): Responder {
  return createResponder({
    corpus,
    digests,
    digestsUnavailable: "digests are not configured in this test",
    defaultTimeZone: "UTC",
    log: pino({ level: "silent" }),
  });
}
