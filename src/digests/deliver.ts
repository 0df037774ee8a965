import { createHash, randomUUID } from "node:crypto";
import {
  type BuiltDigest,
  channelShown,
  corpusKeys,
  correctionAnswer,
  correctionGroups,
  digestAnswer,
  rememberShown,
  type ShownStatements,
  sharesAfterCorrection,
  shownAfterCorrection,
  shownWithoutMessage,
  staleShown,
  unthreadedStale,
} from "../core/answers/digest.ts";
import { errorReply } from "../core/reply/build.ts";
import type { Reply } from "../core/reply/schema.ts";
import type { CorpusSnapshot } from "../core/snapshot.ts";
import type { Logger } from "../log.ts";
import type { DigestStore, Recorded, SlotKey } from "../ports/digest-store.ts";
import type { ChannelRef, Poster, PostFailure } from "../ports/poster.ts";
import type { Subscription } from "./subscription.ts";
import { localDate, previousRun } from "./time.ts";

/** Why a correction was not posted as a reply: its message was deleted. */
const ORIGINAL_GONE = "the message to reply to is gone";

export interface DeliveryDeps {
  /** Read once per delivery: a digest is built from, and recorded against, one corpus version. */
  snapshots: { current(): CorpusSnapshot };
  store: DigestStore;
  posters: ReadonlyMap<string, Poster>;
  /** Stops the subscription's schedule; called when a delivery fails for good. */
  unschedule(subscriptionId: string): Promise<void>;
  log: Logger;
  now?: () => number;
  /**
   * When the store's server last started (Redis: `redisStartedAt`). A slot due before then is
   * doubted like a late one: its record may be among the writes the restart lost.
   */
  storeStartedAt?: () => Promise<number>;
}

/**
 * How long a job's claim on a slot keeps other jobs off it. A retry of the same job resumes at
 * once; only a different job for the same slot waits this out.
 */
const CLAIM_LEASE_MS = 120_000;

/**
 * How late past its slot a job may start before a free slot is doubted. A slot found free that
 * late may have been posted and its record lost (Redis restarted from an append-only file missing
 * its last second of writes), so the channel is asked first; on-time jobs are not, unless their
 * last delivery is behind the schedule.
 */
export const LATE_MARGIN_MS = 120_000;

/**
 * Whether the subscription's last delivery is behind what its schedule implies: the run before
 * this slot was due after the schedule was last set (updatedAt: a changed schedule implies
 * nothing about earlier runs) and is not the delivery on record. Records lost with Redis's last
 * writes show this way even to a job that runs on time.
 */
function behindSchedule(sub: Subscription, slot: number): boolean {
  const previous = previousRun(sub.cron, sub.tz, slot);
  if (previous < Date.parse(sub.updatedAt)) return false;
  return (sub.lastDelivery?.slot ?? Number.NEGATIVE_INFINITY) < previous;
}

/** Distinct digests kept for reuse; a slot's fan-out has a handful, the bound is for days of them. */
const BUILT_DIGESTS_KEPT = 512;

/** A message a delivery posted, with the statements it showed or corrected (for the audit trail). */
export interface DigestPost {
  messageId: string;
  statements: string[];
  /** The version the message was built from. */
  corpusVersion: string;
  /** A correction, not a digest: replying to `replyTo`, or on its own when that message is gone. */
  correction?: true;
  /** The message a correction replied to. */
  replyTo?: string;
}

export type DeliveryOutcome = (
  | ({ kind: "posted" } & DigestPost)
  | { kind: "already-posted"; messageId: string }
  /** Posted late, after another attempt's post was recorded: deleted again (when it could be). */
  | { kind: "retracted"; messageId: string; deleted: boolean }
  | { kind: "skipped"; reason: string }
  | { kind: "paused"; reason: string }
  | { kind: "retry"; message: string; retryAfterMs?: number }
) & {
  /** A correction job's posts before its last outcome (one per message it corrected). */
  alsoPosted?: DigestPost[];
};

/** What a delivery posts, where, and how its post is recorded. */
type Planned =
  | {
      reply: Reply;
      /** The message this one replies to, and what is recorded when that message is gone. */
      answers?: { message: string; gone(): Promise<"recorded" | "stale"> };
      statements: string[];
      record(messageId: string): Promise<Recorded | "stale">;
    }
  | { skip: string };

export interface DigestDelivery {
  /**
   * One subscription's digest for one slot, at most once. `token` fences this attempt (BullMQ's
   * lock token); without one, each call is an attempt of its own.
   */
  deliver(
    subscriptionId: string,
    slot: number,
    jobId: string,
    token?: string,
  ): Promise<DeliveryOutcome>;
  /** Replies to the messages that showed what the current version revised or withdrew. */
  correct(subscriptionId: string, jobId: string, token?: string): Promise<DeliveryOutcome>;
}

/**
 * Builds each corpus version's key set once: every channel digested against the same versions
 * computes the same difference, so a fan-out of thousands reads Redis once per version.
 */
function manifestCache(store: DigestStore) {
  const known = new Map<string, Promise<Set<string> | null>>();
  return (version: string) => {
    let found = known.get(version);
    if (!found) {
      // A failed read is forgotten, so one Redis blip does not poison every later delivery.
      found = store.manifest(version).catch((err: unknown) => {
        known.delete(version);
        throw err;
      });
      known.set(version, found);
    }
    return found;
  };
}

/**
 * Delivers one subscription's digest for one slot, at most once. The slot record goes
 * "posting" → "posted" around the platform call; a retry that finds "posting" (an attempt that
 * died mid-post) asks the platform whether the message landed (Slack message metadata, Discord's
 * footer marker) before posting again, and Discord's enforced nonce backs that up for minutes.
 */
export function digestDelivery(deps: DeliveryDeps): DigestDelivery {
  const manifests = manifestCache(deps.store);
  const now = deps.now ?? Date.now;

  // Each version's keys are saved once per process, before its first post.
  const manifestsSaved = new Map<string, Promise<void>>();
  function saveManifest(snapshot: CorpusSnapshot): Promise<void> {
    const { version } = snapshot.corpus;
    let saved = manifestsSaved.get(version);
    if (!saved) {
      saved = deps.store.saveManifest(version, corpusKeys(snapshot)).catch((err: unknown) => {
        manifestsSaved.delete(version);
        throw err;
      });
      manifestsSaved.set(version, saved);
    }
    return saved;
  }

  // Channels due in the same slot mostly share topic, last corpus version, local date and
  // corrections due, and a digest depends on nothing else: build each distinct one once. Adapters
  // never modify a reply.
  const built = new Map<string, BuiltDigest>();
  async function digestFor(
    snapshot: CorpusSnapshot,
    sub: Subscription,
    date: string,
  ): Promise<BuiltDigest> {
    const since = sub.lastDelivery?.corpusVersion ?? null;
    const shown = sub.lastDelivery?.shown ?? {};
    const cacheKey = JSON.stringify([
      snapshot.corpus.version,
      sub.topic,
      since,
      date,
      staleShown(snapshot, shown),
    ]);
    const known = built.get(cacheKey);
    if (known) return known;
    const previousKeys = since ? await manifests(since) : null;
    const digest = digestAnswer(
      { snapshot, command: "digest", query: "digest" },
      { topic: sub.topic ?? undefined, previousKeys, shown, date },
    );
    if (built.size >= BUILT_DIGESTS_KEPT) built.clear();
    built.set(cacheKey, digest);
    return digest;
  }

  async function pause(
    snapshot: CorpusSnapshot,
    sub: Subscription,
    failure: PostFailure,
    poster: Poster,
  ) {
    const at = new Date(now()).toISOString();
    const reason = `${failure.code}: ${failure.message}`;
    await deps.unschedule(sub.id);
    await deps.store.update(sub.id, (s) => ({
      ...s,
      paused: { reason, at },
      lastError: { at, message: reason, permanent: true },
    }));
    const notice = errorReply(
      { snapshot, command: "digest", query: "digest" },
      {
        code: "unavailable",
        message: `The Factdesk digest for channel ${sub.channelId} (${sub.label}, ${sub.tz}) is paused: ${reason}. Fix the channel or the bot's access, then subscribe again to resume.`,
      },
    );
    const channel: ChannelRef = {
      platform: sub.platform,
      workspaceId: sub.workspaceId,
      channelId: sub.channelId,
    };
    const told =
      (await poster.notifyUser?.(sub.workspaceId, sub.createdBy, notice)) ??
      (await poster.post(channel, notice));
    deps.log.warn({ subscription: sub.id, reason, noticeDelivered: told.ok }, "digest paused");
  }

  /**
   * One delivery, digest or correction, at most once: claim the slot, build the message from the
   * subscription as claimed, ask the platform after a resumed claim, post, record. Every guarantee
   * of delivery lives here, so both kinds share it.
   */
  async function once(
    subscriptionId: string,
    slot: SlotKey,
    jobId: string,
    token: string,
    plan: (sub: Subscription | null, snapshot: CorpusSnapshot) => Promise<Planned>,
  ): Promise<DeliveryOutcome> {
    const start = await deps.store.beginDelivery(
      subscriptionId,
      slot,
      jobId,
      now(),
      CLAIM_LEASE_MS,
      token,
    );
    switch (start.kind) {
      case "missing":
        return { kind: "skipped", reason: "unsubscribed" };
      case "paused":
        return { kind: "skipped", reason: `paused: ${start.sub.paused?.reason}` };
      case "settled":
        return start.state.state === "posted"
          ? { kind: "already-posted", messageId: start.state.messageId }
          : { kind: "skipped", reason: start.state.reason };
      case "busy": {
        const retryAfterMs = Math.max(start.until - now(), 1000);
        return { kind: "retry", message: "another job is posting this slot", retryAfterMs };
      }
    }
    // A channel with shared answers and no subscription gets corrections too, with no record to keep.
    const { sub } = start;
    // A paused subscription's channel gets corrections; only an active one pauses or keeps errors.
    const active = sub?.paused ? null : sub;
    const where = start.sub === null ? start.shared : start.sub;
    const snapshot = deps.snapshots.current();
    // A process without this platform's poster keeps its claim and hands the job back without
    // spending an attempt; the job's retry resumes the claim, wherever it runs.
    const poster = deps.posters.get(where.platform);
    if (!poster) {
      return {
        kind: "retry",
        message: `no poster for ${where.platform} in this process`,
        retryAfterMs: 30_000,
      };
    }
    const channel: ChannelRef = {
      platform: where.platform,
      workspaceId: where.workspaceId,
      channelId: where.channelId,
    };
    const key = `${subscriptionId}:${slot}`;
    const planned = await plan(sub, snapshot);
    if ("skip" in planned) {
      await deps.store.setSlot(subscriptionId, slot, { state: "abandoned", reason: planned.skip });
      return { kind: "skipped", reason: planned.skip };
    }
    const { reply, answers, statements, record } = planned;
    const replyTo = answers?.message;
    // Recording is where a late attempt learns another post won: it takes its own back.
    const recorded = async (messageId: string, done: DeliveryOutcome): Promise<DeliveryOutcome> => {
      if ((await record(messageId)) === "duplicate") {
        const removed = await poster.deleteMessage?.(channel, messageId);
        deps.log.warn(
          { subscription: subscriptionId, slot, messageId, deleted: removed?.ok ?? false },
          "a late attempt posted after another post was recorded; its post is retracted",
        );
        return { kind: "retracted", messageId, deleted: removed?.ok ?? false };
      }
      if (active?.lastError) {
        await deps.store.update(active.id, (s) => ({ ...s, lastError: null }));
      }
      return done;
    };
    // The fence, immediately before asking or posting: an attempt that stalled past its lock while
    // another took the claim over posts nothing. The lease is renewed while the post is under way.
    const holds = () => deps.store.fence(subscriptionId, slot, token, now(), CLAIM_LEASE_MS);
    if (!(await holds())) return { kind: "skipped", reason: "another attempt took the claim over" };
    const renewal = setInterval(() => {
      holds().catch(() => {});
    }, CLAIM_LEASE_MS / 4);
    renewal.unref();
    try {
      return await attempt(poster);
    } finally {
      clearInterval(renewal);
    }

    async function attempt(poster: Poster): Promise<DeliveryOutcome> {
      // A claim resumed (an earlier attempt may have posted), or a free slot found too late to
      // trust, behind the schedule, or due before the store last restarted (its record may be
      // among writes Redis lost): the channel says whether it landed.
      const resumed = start.kind === "resumed";
      const due = typeof slot === "number" ? slot : undefined;
      const doubt =
        resumed ||
        (due !== undefined &&
          (now() - due > LATE_MARGIN_MS ||
            (sub !== null && behindSchedule(sub, due)) ||
            (deps.storeStartedAt !== undefined && (await deps.storeStartedAt()) > due)));
      if (doubt && poster.findPosted) {
        const earlier = await poster.findPosted(channel, key, replyTo, due);
        // Lateness, a lagging last delivery or a restart are only hints of lost records: a channel
        // whose history can never be read (no permission) would otherwise hold such a digest back
        // until it fails.
        if (earlier.kind === "unknown" && !(earlier.lasting && !resumed)) {
          return {
            kind: "retry",
            message: `cannot tell whether an earlier attempt posted (${earlier.message})`,
          };
        }
        if (earlier.kind === "found") {
          return recorded(earlier.messageId, {
            kind: "already-posted",
            messageId: earlier.messageId,
          });
        }
      }

      const result = await poster.post(channel, reply, {
        idempotencyKey: key,
        ...(replyTo ? { replyTo } : {}),
      });
      if (result.ok) {
        const { messageId } = result.value;
        return recorded(messageId, {
          kind: "posted",
          messageId,
          statements,
          corpusVersion: snapshot.corpus.version,
          // A correction's slot is keyed by its version and statements; a digest's is its time.
          ...(typeof slot === "string" ? { correction: true as const } : {}),
          ...(replyTo ? { replyTo } : {}),
        });
      }
      const failure = result.error;
      if (failure.code === "post.original_gone" && answers) {
        // Nothing is told yet: what this would have said waits, with no message to reply to, for
        // the next digest or a message of its own. A record that moved on meanwhile is read again.
        if ((await answers.gone()) === "stale") {
          return { kind: "retry", message: "the channel's record changed while replying" };
        }
        return { kind: "skipped", reason: ORIGINAL_GONE };
      }
      if (failure.permanent) {
        // Only an active subscription pauses; a channel of shared answers alone has nothing to pause.
        if (active) await pause(snapshot, active, failure, poster);
        // Last: if pausing fails, the retry finds the slot still claimed and pauses again.
        await deps.store.setSlot(subscriptionId, slot, {
          state: "abandoned",
          reason: failure.code,
        });
        return active
          ? { kind: "paused", reason: failure.code }
          : { kind: "skipped", reason: failure.code };
      }
      const message = `${failure.code}: ${failure.message}`;
      // An attempt that lost its claim meanwhile says nothing: the one that took over reports.
      if (active && (await holds())) {
        await deps.store.update(active.id, (s) => ({
          ...s,
          lastError: { at: new Date(now()).toISOString(), message, permanent: false },
        }));
      }
      return { kind: "retry", message, retryAfterMs: failure.retryAfterMs };
    }
  }

  async function deliver(
    subscriptionId: string,
    slot: number,
    jobId: string,
    token: string = randomUUID(),
  ): Promise<DeliveryOutcome> {
    return once(subscriptionId, slot, jobId, token, async (sub, snapshot) => {
      // A digest's slot is only ever claimed for a subscription.
      if (!sub) return { skip: "unsubscribed" };
      // Saved before posting, so nothing that can fail stands between the post and its record.
      await saveManifest(snapshot);
      const digest = await digestFor(snapshot, sub, localDate(slot, sub.tz));
      // What the digest corrects, a shared answer in the channel may have shown too: told once.
      const shares =
        digest.corrected.length > 0 ? (await deps.store.shared(sub.id))?.shown : undefined;
      const fixes = shares ? sharesAfterCorrection(snapshot, shares, digest.corrected) : [];
      return {
        reply: digest.reply,
        statements: [...new Set([...Object.keys(digest.showed), ...digest.corrected])],
        // The record says what the channel has now been shown, and where, in the same write as
        // the slot: a correction is owed exactly when a posted digest showed the statement.
        record: (messageId) =>
          deps.store.recordDelivery(
            sub.id,
            slot,
            {
              at: new Date(now()).toISOString(),
              slot,
              messageId,
              corpusVersion: snapshot.corpus.version,
              shown: rememberShown(sub.lastDelivery?.shown ?? {}, digest, messageId),
            },
            fixes,
          ),
      };
    });
  }

  /**
   * Corrects what a channel was shown and the current version revised or withdrew: one reply per
   * message that showed it, each a delivery of its own keyed by the version and the statements,
   * so a retry, a second worker or a later sweep of the same version never tells it twice. What
   * has no message left to reply to (deleted) is told in one message of its own, unless the
   * channel's next digest is to open with it (an active subscription's record holds it).
   */
  async function correct(
    subscriptionId: string,
    jobId: string,
    token: string = randomUUID(),
  ): Promise<DeliveryOutcome> {
    const snapshot = deps.snapshots.current();
    // What the channel's digests and shared answers showed, each statement once.
    const shownIn = async (current: CorpusSnapshot, sub: Subscription | null) => {
      const shares = (await deps.store.shared(subscriptionId))?.shown ?? {};
      const digests = sub?.lastDelivery?.shown ?? {};
      // Only an active subscription with a digest record has a next digest to tell things in.
      const carries = sub !== null && !sub.paused && sub.lastDelivery !== null;
      const coming: ShownStatements = carries ? digests : {};
      return { shares, digests, carries, coming, seen: channelShown(current, digests, shares) };
    };
    const fresh = async () => shownIn(snapshot, await deps.store.get(subscriptionId));

    /** One message of corrections: a reply to `message`, or (none) one of its own. */
    const tell = (group: { message?: string; ids: string[] }) => {
      const tag = createHash("sha256")
        .update(JSON.stringify([group.message ?? null, group.ids]))
        .digest("hex")
        .slice(0, 16);
      const key = `fix:${snapshot.corpus.version}:${tag}`;
      return once(subscriptionId, key, jobId, token, async (sub, current) => {
        const last = sub?.lastDelivery ?? null;
        const { shares, digests, carries, coming, seen } = await shownIn(current, sub);
        const { message } = group;
        const due = new Set(
          message === undefined
            ? unthreadedStale(current, seen, coming)
            : staleShown(current, seen).filter((id) => seen[id]?.message === message),
        );
        const ids = group.ids.filter((id) => due.has(id));
        if (ids.length === 0) return { skip: "already corrected" };
        const ctx = { snapshot: current, command: "digest", query: "digest" };
        return {
          reply: correctionAnswer(ctx, seen, ids, message === undefined),
          ...(message === undefined
            ? {}
            : {
                answers: {
                  message,
                  // Its statements lose their message: they wait for the next digest (carried into
                  // its record), or are told in a message of their own by this job.
                  gone: () =>
                    deps.store.recordGone(
                      subscriptionId,
                      key,
                      message,
                      ids,
                      last && {
                        ...last,
                        shown: shownWithoutMessage(digests, carries ? seen : digests, ids, message),
                      },
                    ),
                },
              }),
          statements: ids,
          // Digests and shared answers that showed a statement are both settled by this one post.
          record: (messageId) =>
            deps.store.recordCorrection(
              subscriptionId,
              key,
              messageId,
              last && { ...last, shown: shownAfterCorrection(current, digests, ids) },
              sharesAfterCorrection(current, shares, ids),
            ),
        };
      });
    };

    const outcomes: DeliveryOutcome[] = [];
    // A group that must be retried stops the job; the groups done are settled and skip.
    const going = () => !outcomes.some((o) => o.kind === "retry" || o.kind === "paused");
    const first = await fresh();
    for (const group of correctionGroups(snapshot, first.seen)) {
      outcomes.push(await tell(group));
      if (!going()) break;
    }
    if (going()) {
      // A reply that found its message gone has just left its statements unthreaded: read again.
      // Otherwise the first read stands; each message re-reads what is due before it is told.
      const gone = outcomes.some((o) => o.kind === "skipped" && o.reason === ORIGINAL_GONE);
      const { seen, coming } = gone ? await fresh() : first;
      const alone = unthreadedStale(snapshot, seen, coming);
      if (alone.length > 0) outcomes.push(await tell({ ids: alone }));
    }
    const outcome = outcomes.at(-1) ?? { kind: "skipped", reason: "nothing to correct" };
    const posts: DigestPost[] = outcomes.flatMap((o) => {
      if (o.kind !== "posted") return [];
      const { kind: _, ...post } = o;
      return [post];
    });
    // Every post is reported, not only the last: each is a message the channel was shown.
    const earlier = outcome.kind === "posted" ? posts.slice(0, -1) : posts;
    return earlier.length > 0 ? { ...outcome, alsoPosted: earlier } : outcome;
  }

  return { deliver, correct };
}
