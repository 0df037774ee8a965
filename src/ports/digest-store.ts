import {
  SHOWN_KEPT,
  type ShownFix,
  type ShownStatement,
  type ShownStatements,
} from "../core/answers/digest.ts";
import {
  type ChannelKey,
  type Subscription,
  storedSubscription,
  subscriptionId,
} from "../digests/subscription.ts";

/**
 * A slot's delivery state: claimed by a job while posting (with the fencing token of the attempt
 * holding it), then the message id once posted, with any duplicate a late attempt posted and
 * deleted (`retracted`).
 */
export type SlotState =
  | { state: "posting"; job: string; until: number; token?: string }
  | { state: "posted"; messageId: string; retracted?: string[] }
  | { state: "abandoned"; reason: string };

/**
 * What recording a post found: it is the slot's post now, or another post was recorded for the
 * slot first (the caller deletes its own; the slot lists it as retracted). A correction is also
 * "stale" when a digest was recorded after it was built (its slot is still marked posted).
 */
export type Recorded = "recorded" | "duplicate";

/**
 * What starting a delivery found: no subscription; a paused one (for a digest: a paused channel
 * still gets corrections); the slot free (claimed) or held
 * by this job or an expired claim (resumed: an earlier attempt may have posted); the slot settled;
 * or another job holding it now.
 */
export type DeliveryStart =
  | { kind: "missing" }
  | { kind: "paused"; sub: Subscription }
  | { kind: "claimed" | "resumed"; sub: Subscription }
  /** A correction's slot in a channel with shared answers and no subscription. */
  | { kind: "claimed" | "resumed"; sub: null; shared: ChannelKey }
  | { kind: "settled"; state: Exclude<SlotState, { state: "posting" }> }
  | { kind: "busy"; until: number };

export type LastDelivery = NonNullable<Subscription["lastDelivery"]>;

/** A channel's shared answers: where they were posted, and what they showed, oldest first. */
export interface SharedAnswers {
  id: string;
  channel: ChannelKey;
  shown: ShownStatements;
}

/** How long a channel's shared answers are remembered after its last share. */
export const SHARES_KEPT_DAYS = 180;

/** A digest's slot (its scheduled time), or the key of another delivery, e.g. a correction's. */
export type SlotKey = number | string;

/**
 * Subscription records, per-slot delivery records and corpus manifests. The last delivery is kept
 * apart from the record: the worker writes it, everyone else writes the record, and neither write
 * undoes the other.
 */
export interface DigestStore {
  get(id: string): Promise<Subscription | null>;
  forChannel(channel: ChannelKey): Promise<Subscription | null>;
  /** Writes the record; the last delivery is the worker's to write and is left alone. */
  save(sub: Subscription): Promise<void>;
  /**
   * Changes the record (pause, last error), keeping the last delivery. A subscription removed
   * meanwhile stays removed: the answer is then null.
   */
  update(id: string, change: (sub: Subscription) => Subscription): Promise<Subscription | null>;
  /**
   * Marks the slot posted and, atomically, makes it the last delivery: unless a later slot is
   * already recorded (never rewound) or the subscription is gone (never resurrected). `fixes`
   * settle what the digest corrected in the channel's shared answers in the same step.
   */
  recordDelivery(
    id: string,
    slot: number,
    delivery: LastDelivery,
    fixes?: readonly ShownFix[],
  ): Promise<Recorded>;
  /**
   * Marks a correction's slot posted and, atomically, applies `fixes` to the channel's shared
   * answers and writes the last delivery (null: the channel has none) with what the channel is
   * now shown: only while it is still the one the correction was built from (same slot and time;
   * a digest recorded meanwhile told the corrections itself).
   */
  recordCorrection(
    id: string,
    key: string,
    messageId: string,
    delivery: LastDelivery | null,
    fixes?: readonly ShownFix[],
  ): Promise<Recorded | "stale">;
  /**
   * Settles a correction's slot whose message to reply to (`message`) was deleted, in one atomic
   * step: the slot abandoned; `delivery` (null: none) written as the last delivery only while it
   * is still the one the correction was built from; and the channel's shared statements `ids`
   * still tied to that message kept with no message. "stale": nothing written (a digest landed
   * meanwhile).
   */
  recordGone(
    id: string,
    key: string,
    message: string,
    ids: readonly string[],
    delivery: LastDelivery | null,
  ): Promise<"recorded" | "stale">;
  /**
   * Records that an answer showing `showed` was shared to a channel as `messageId`, in one atomic
   * step: each statement tied to the message (a correction replies there), the newest kept, at
   * most SHOWN_KEPT per channel, remembered SHARES_KEPT_DAYS after the channel's last share.
   */
  recordShare(
    channel: ChannelKey,
    messageId: string,
    showed: Readonly<Record<string, Omit<ShownStatement, "message">>>,
  ): Promise<void>;
  /** A channel's shared answers (by its subscription id); null when it has none. */
  shared(id: string): Promise<SharedAnswers | null>;
  /** Every channel with shared answers (the correction sweep reads them once per version). */
  allShared(): Promise<SharedAnswers[]>;
  /** Every subscription (the correction sweep reads them once per new corpus version). */
  all(): Promise<Subscription[]>;
  /**
   * Moves the "corrections sent for" marker to a corpus version, unless it is there or at a later
   * one already: true for exactly one caller per version, the one that queues its corrections.
   */
  advanceCorrections(seq: number, version: string): Promise<boolean>;
  remove(sub: Subscription): Promise<void>;
  inWorkspace(platform: string, workspaceId: string): Promise<Subscription[]>;
  /**
   * Reads a subscription and claims one of its slots for `job` for `leaseMs`, in one atomic step:
   * two jobs for one slot cannot both claim it. A correction's slot (a string key) is claimed in a
   * channel with shared answers and no subscription too. The claim carries `token` (the attempt's fencing
   * token): a later attempt of the same job takes the claim over, and the earlier one's fence fails.
   */
  beginDelivery(
    id: string,
    slot: SlotKey,
    job: string,
    now: number,
    leaseMs: number,
    token?: string,
  ): Promise<DeliveryStart>;
  /**
   * Whether the slot is still claimed with `token`, renewing the lease if so, in one atomic step:
   * checked immediately before posting, and while posting, so an attempt that lost its claim
   * (stalled past its lock, another attempt took over) does not post.
   */
  fence(id: string, slot: SlotKey, token: string, now: number, leaseMs: number): Promise<boolean>;
  slot(id: string, slot: SlotKey): Promise<SlotState | null>;
  setSlot(id: string, slot: SlotKey, state: SlotState): Promise<void>;
  /** The keys of a corpus version, as saved; null when none were. */
  manifest(version: string): Promise<Set<string> | null>;
  /** Saves a version's keys once: a manifest, once saved, is not changed. */
  saveManifest(version: string, keys: readonly string[]): Promise<void>;
}

/**
 * The digest store in memory, with the Redis store's semantics step for step (records kept as
 * JSON and parsed on read, as Redis does), for fast tests of what runs on top of it. Nothing
 * expires: slot and manifest lifetimes are the Redis store's business.
 */
export function memoryDigestStore(): DigestStore {
  const records = new Map<string, string>();
  const lasts = new Map<string, string>();
  const workspaces = new Map<string, Set<string>>();
  const slots = new Map<string, string>();
  const manifests = new Map<string, Set<string>>();
  // Per channel, statements in the order shared (re-shown ones move to the end), as JSON.
  const shares = new Map<string, { channel: ChannelKey; shown: Map<string, string> }>();
  const workspaceKey = (platform: string, workspaceId: string) => `${platform}:${workspaceId}`;
  const slotKey = (id: string, slot: SlotKey) => `${id}:${slot}`;
  let corrected: { seq: number; version: string } | null = null;

  /** Marks a slot posted, unless another post is recorded for it: then this one is retracted. */
  const markPosted = (key: string, messageId: string): Recorded => {
    const current = slots.get(key);
    const held = current ? (JSON.parse(current) as SlotState) : null;
    if (held?.state === "posted" && held.messageId !== messageId) {
      slots.set(
        key,
        JSON.stringify({ ...held, retracted: [...(held.retracted ?? []), messageId] }),
      );
      return "duplicate";
    }
    slots.set(key, JSON.stringify({ state: "posted", messageId }));
    return "recorded";
  };
  /** A correction told, settled in the channel's shares where they still hold what it told of. */
  const fixShares = (id: string, fixes: readonly ShownFix[]) => {
    const shown = shares.get(id)?.shown;
    for (const fix of fixes) {
      const raw = shown?.get(fix.id);
      const held = raw ? (JSON.parse(raw) as ShownStatement) : null;
      if (!shown || held?.fingerprint !== fix.from) continue;
      if (fix.to) shown.set(fix.id, JSON.stringify({ ...held, ...fix.to }));
      else shown.delete(fix.id);
    }
  };
  /**
   * Writes the last delivery only while the record exists and its last delivery is still the one
   * a correction was built from (the Redis store's WHILE_BUILT_FROM).
   */
  const writeIfBuiltFrom = (id: string, delivery: LastDelivery): boolean => {
    const last = lasts.get(id);
    const held = last ? (JSON.parse(last) as LastDelivery) : null;
    if (!records.has(id) || held?.slot !== delivery.slot || held.at !== delivery.at) return false;
    lasts.set(id, JSON.stringify(delivery));
    return true;
  };
  const read = (id: string): Subscription | null => {
    const raw = records.get(id);
    return raw ? storedSubscription(raw, lasts.get(id)) : null;
  };
  const write = (sub: Subscription) => {
    const { lastDelivery: _, ...record } = sub;
    records.set(sub.id, JSON.stringify(record));
  };

  async function shared(id: string): Promise<SharedAnswers | null> {
    const held = shares.get(id);
    if (!held || held.shown.size === 0) return null;
    const shown = Object.fromEntries(
      [...held.shown].map(([k, raw]) => [k, JSON.parse(raw) as ShownStatement]),
    );
    return { id, channel: { ...held.channel }, shown };
  }

  return {
    async get(id) {
      return read(id);
    },
    async forChannel(channel) {
      return read(subscriptionId(channel));
    },
    async save(sub) {
      write(sub);
      const key = workspaceKey(sub.platform, sub.workspaceId);
      workspaces.set(key, (workspaces.get(key) ?? new Set()).add(sub.id));
    },
    async update(id, change) {
      const sub = read(id);
      if (!sub) return null;
      const next = change(sub);
      // Like SET XX: whatever `change` set off may have removed the record meanwhile.
      if (!records.has(id)) return null;
      write(next);
      return { ...next, lastDelivery: sub.lastDelivery };
    },
    async recordDelivery(id, slot, delivery, fixes = []) {
      if (markPosted(slotKey(id, slot), delivery.messageId) === "duplicate") return "duplicate";
      fixShares(id, fixes);
      const last = lasts.get(id);
      if (!records.has(id) || (last && JSON.parse(last).slot > slot)) return "recorded";
      lasts.set(id, JSON.stringify(delivery));
      return "recorded";
    },
    async recordCorrection(id, key, messageId, delivery, fixes = []) {
      if (markPosted(slotKey(id, key), messageId) === "duplicate") return "duplicate";
      fixShares(id, fixes);
      if (!delivery) return "recorded";
      return writeIfBuiltFrom(id, delivery) ? "recorded" : "stale";
    },
    async recordGone(id, key, message, ids, delivery) {
      if (delivery && !writeIfBuiltFrom(id, delivery)) return "stale";
      const shown = shares.get(id)?.shown;
      for (const statement of ids) {
        const raw = shown?.get(statement);
        const held = raw ? (JSON.parse(raw) as ShownStatement) : null;
        if (!shown || held?.message !== message) continue;
        const { message: _, ...rest } = held;
        shown.set(statement, JSON.stringify(rest));
      }
      slots.set(
        slotKey(id, key),
        JSON.stringify({ state: "abandoned", reason: "post.original_gone" }),
      );
      return "recorded";
    },
    async recordShare(channel, messageId, showed) {
      const id = subscriptionId(channel);
      const held = shares.get(id) ?? { channel, shown: new Map<string, string>() };
      for (const [statement, st] of Object.entries(showed)) {
        held.shown.delete(statement);
        held.shown.set(statement, JSON.stringify({ ...st, message: messageId }));
      }
      for (const oldest of [...held.shown.keys()].slice(
        0,
        Math.max(0, held.shown.size - SHOWN_KEPT),
      ))
        held.shown.delete(oldest);
      shares.set(id, { channel: held.channel, shown: held.shown });
    },
    shared,
    async allShared() {
      const found = await Promise.all([...shares.keys()].map(shared));
      return found.filter((s): s is SharedAnswers => s !== null);
    },
    async all() {
      return [...records.keys()].map(read).filter((s): s is Subscription => s !== null);
    },
    async advanceCorrections(seq, version) {
      if (corrected && (corrected.seq > seq || corrected.version === version)) return false;
      corrected = { seq, version };
      return true;
    },
    async remove(sub) {
      records.delete(sub.id);
      lasts.delete(sub.id);
      workspaces.get(workspaceKey(sub.platform, sub.workspaceId))?.delete(sub.id);
    },
    async inWorkspace(platform, workspaceId) {
      const ids = [...(workspaces.get(workspaceKey(platform, workspaceId)) ?? [])];
      return ids.map(read).filter((s): s is Subscription => s !== null);
    },
    async beginDelivery(id, slot, job, now, leaseMs, token = job) {
      const sub = read(id);
      const channel = typeof slot === "string" && !sub ? shares.get(id)?.channel : undefined;
      if (!sub && !channel) return { kind: "missing" };
      if (sub?.paused && typeof slot === "number") return { kind: "paused", sub };
      const claimed = (kind: "claimed" | "resumed"): DeliveryStart =>
        sub ? { kind, sub } : { kind, sub: null, shared: { ...(channel as ChannelKey) } };
      const key = slotKey(id, slot);
      const claim = JSON.stringify({ state: "posting", job, until: now + leaseMs, token });
      const current = slots.get(key);
      if (!current) {
        slots.set(key, claim);
        return claimed("claimed");
      }
      const held = JSON.parse(current) as SlotState;
      if (held.state !== "posting") return { kind: "settled", state: held };
      if (held.job === job || held.until < now) {
        slots.set(key, claim);
        return claimed("resumed");
      }
      return { kind: "busy", until: held.until };
    },
    async fence(id, slot, token, now, leaseMs) {
      const key = slotKey(id, slot);
      const raw = slots.get(key);
      const held = raw ? (JSON.parse(raw) as SlotState) : null;
      if (held?.state !== "posting" || held.token !== token) return false;
      slots.set(key, JSON.stringify({ ...held, until: now + leaseMs }));
      return true;
    },
    async slot(id, slot) {
      const raw = slots.get(slotKey(id, slot));
      return raw ? (JSON.parse(raw) as SlotState) : null;
    },
    async setSlot(id, slot, state) {
      slots.set(slotKey(id, slot), JSON.stringify(state));
    },
    async manifest(version) {
      const keys = manifests.get(version);
      return keys && keys.size > 0 ? new Set(keys) : null;
    },
    async saveManifest(version, keys) {
      if (keys.length === 0 || manifests.has(version)) return;
      manifests.set(version, new Set(keys));
    },
  };
}
