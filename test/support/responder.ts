import { pino } from "pino";
import type { Caller } from "../../src/commands/command.ts";
import {
  createResponder,
  type Responder,
  type ResponderDeps,
} from "../../src/commands/responder.ts";
import type { Reply } from "../../src/core/reply/schema.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import type { CorpusHistory } from "../../src/ports/corpus-history.ts";
import type { DigestService } from "../../src/ports/digest-service.ts";
import { bundledSnapshot } from "./corpus.ts";

/** Someone asking in a test channel, allowed to manage it unless told otherwise. */
export function testCaller(overrides: Partial<Caller> = {}): Caller {
  return {
    platform: "test",
    workspaceId: "W1",
    channelId: "C1",
    userId: "U1",
    canManage: async () => true,
    ...overrides,
  };
}

/**
 * The app's responder for tests: digests go to `digests` when given, else say they are off;
 * `changes` reads `history` when given.
 */
export function testResponder(
  snapshot: CorpusSnapshot,
  digests: DigestService | null = null,
  now: () => number = Date.now,
  history: CorpusHistory | null = null,
): Responder {
  return testResponderOn({ current: () => snapshot }, digests, now, history);
}

/** The same, answering from whatever snapshot `snapshots` hands out (a holder a test swaps). */
export function testResponderOn(
  snapshots: { current(): CorpusSnapshot },
  digests: DigestService | null = null,
  now: () => number = Date.now,
  history: CorpusHistory | null = null,
  onAnswered?: ResponderDeps["onAnswered"],
): Responder {
  return createResponder({
    snapshots,
    services: {
      digests,
      history,
      digestsUnavailable: "digests are not configured in this test",
      defaultTimeZone: "UTC",
      now,
    },
    log: pino({ level: "silent" }),
    ...(onAnswered ? { onAnswered } : {}),
  });
}

/** A responder with no digests whose every answer is also told to `onAnswered` (audit, metrics). */
export const watchedResponder = (
  snapshots: { current(): CorpusSnapshot },
  onAnswered: ResponderDeps["onAnswered"],
): Responder => testResponderOn(snapshots, null, Date.now, null, onAnswered);

let shared: Promise<Responder> | undefined;

/** The reply to typed text on the bundled corpus, as every platform gets it. */
export async function replyTo(text: string): Promise<Reply> {
  shared ??= bundledSnapshot().then((snapshot) => testResponder(snapshot));
  return (await (await shared).answer({ caller: testCaller(), input: { text } })).reply;
}
