import type { Redis, Result } from "ioredis";
import { SHOWN_KEPT, type ShownStatement } from "../core/answers/digest.ts";
import {
  type DigestStore,
  SHARES_KEPT_DAYS,
  type SharedAnswers,
  type SlotKey,
  type SlotState,
} from "../ports/digest-store.ts";
import { type Subscription, storedSubscription, subscriptionId } from "./subscription.ts";

const SLOT_TTL_SECONDS = 14 * 24 * 3600;
const MANIFEST_TTL_SECONDS = 365 * 24 * 3600;
const SHARES_TTL_SECONDS = SHARES_KEPT_DAYS * 24 * 3600;

// Reads the subscription and claims its slot in one atomic step: two jobs for one slot (a
// scheduled run and a run-now) cannot both claim it, and a job costs one round trip, not two.
// With no subscription, a correction's slot (ARGV[6] names the channel) is claimed for a channel
// with shared answers: its channel record comes back in place of the subscription's. A paused
// subscription's correction slots are claimed too.
const BEGIN_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
local last = ''
if not raw then
  raw = ARGV[6] ~= '' and redis.call('HGET', KEYS[4], ARGV[6])
  if not raw then return { 'missing', '', '', '' } end
  last = 'shared'
else
  last = redis.call('GET', KEYS[2]) or ''
  -- Pausing stops digests, not corrections (a correction's slot names the channel).
  if ARGV[6] == '' and type(cjson.decode(raw).paused) == 'table' then return { 'paused', raw, last, '' } end
end
local current = redis.call('GET', KEYS[3])
local claim = cjson.encode({ state = 'posting', job = ARGV[1], ['until'] = tonumber(ARGV[2]) + tonumber(ARGV[3]), token = ARGV[5] })
if not current then
  redis.call('SET', KEYS[3], claim, 'EX', ARGV[4])
  return { 'claimed', raw, last, '' }
end
local held = cjson.decode(current)
if held.state ~= 'posting' then return { 'settled', raw, last, current } end
if held.job == ARGV[1] or tonumber(held['until']) < tonumber(ARGV[2]) then
  redis.call('SET', KEYS[3], claim, 'EX', ARGV[4])
  return { 'resumed', raw, last, current }
end
return { 'busy', raw, last, current }
`;

// Both record scripts start alike: the slot's post is recorded unless another post won it, and the
// last delivery is only touched while the subscription exists.
const RECORD_SLOT = `
-- Another post recorded for the slot first: this one is listed as retracted (its poster deletes it).
local current = redis.call('GET', KEYS[1])
if current then
  local held = cjson.decode(current)
  if held.state == 'posted' and held.messageId ~= cjson.decode(ARGV[1]).messageId then
    held.retracted = held.retracted or {}
    table.insert(held.retracted, cjson.decode(ARGV[1]).messageId)
    redis.call('SET', KEYS[1], cjson.encode(held), 'KEEPTTL')
    return -1
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
`;

/**
 * The fixes (JSON, in ARGV[n]) a delivery that told corrections makes to the channel's shared
 * answers' record (KEYS[4] as shown, KEYS[5] their order): each only where the record still holds
 * the wording that was corrected. None to make costs nothing.
 */
const fixShares = (n: number) => `if ARGV[${n}] ~= '' then
  for _, fix in ipairs(cjson.decode(ARGV[${n}])) do
    local raw = redis.call('HGET', KEYS[4], fix.id)
    if raw and cjson.decode(raw).fingerprint == fix.from then
      if fix.to then
        local held = cjson.decode(raw)
        held.fingerprint = fix.to.fingerprint
        held.text = fix.to.text
        redis.call('HSET', KEYS[4], fix.id, cjson.encode(held))
      else
        redis.call('HDEL', KEYS[4], fix.id)
        redis.call('ZREM', KEYS[5], fix.id)
      end
    end
  end
end
`;

/** Digest and correction records touch the last delivery only while the subscription exists. */
const WHILE_SUBSCRIBED = `if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
`;

// One script call rather than MULTI/EXEC: a transaction object per job cost a seventh of a
// worker's CPU in the fan-out benchmark. The last delivery is written only while the record
// exists (an unsubscribe is not undone) and never moves back to an earlier slot (a late retry).
// What the digest corrected is settled in the channel's shared answers too (ARGV[5]).
const RECORD_SCRIPT = `${RECORD_SLOT}${fixShares(5)}${WHILE_SUBSCRIBED}local last = redis.call('GET', KEYS[2])
if last and tonumber(cjson.decode(last).slot) > tonumber(ARGV[4]) then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
return 1
`;

/**
 * Writes the last delivery (ARGV[2]) only while the record exists and its last delivery is still
 * the one a correction was built from (slot ARGV[4], time ARGV[5]); else the script returns 0.
 */
const WHILE_BUILT_FROM = `${WHILE_SUBSCRIBED}local last = redis.call('GET', KEYS[2])
if not last then return 0 end
local held = cjson.decode(last)
if tonumber(held.slot) ~= tonumber(ARGV[4]) or held.at ~= ARGV[5] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
`;

// A correction settles the channel's shared answers (ARGV[6]), and rewrites the last delivery
// (none when ARGV[2] is empty) only while it is the one the correction was built from.
const CORRECT_SCRIPT = `${RECORD_SLOT}${fixShares(6)}if ARGV[2] == '' then return 1 end
${WHILE_BUILT_FROM}return 1
`;

// A correction whose message to reply to (ARGV[6]) is gone: the last delivery rewritten as for a
// correction (first: a stale one writes nothing), then the shared statements ARGV[7] still tied to
// the message kept with no message, and the slot abandoned (ARGV[1]).
const GONE_SCRIPT = `if ARGV[2] ~= '' then
${WHILE_BUILT_FROM}end
for _, id in ipairs(cjson.decode(ARGV[7])) do
  local raw = redis.call('HGET', KEYS[4], id)
  local held = raw and cjson.decode(raw)
  if held and held.message == ARGV[6] then
    held.message = nil
    redis.call('HSET', KEYS[4], id, cjson.encode(held))
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
return 1
`;

// A shared answer's statements, tied to its message, in one step: the newest kept (ARGV[4] at
// most, ordered by a per-channel sequence), remembered ARGV[3] seconds after the last share, and
// the channel listed (ARGV[1], its record ARGV[2]) for the correction sweep.
const SHARE_SCRIPT = `
local top = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
local seq = tonumber(top[2] or 0)
for i = 5, #ARGV, 2 do
  seq = seq + 1
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('ZADD', KEYS[2], seq, ARGV[i])
end
local extra = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if extra > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, extra - 1)
  redis.call('HDEL', KEYS[1], unpack(oldest))
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, extra - 1)
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
`;

// The fence: the slot is still claimed with this token; the lease is renewed in the same step.
const FENCE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local held = cjson.decode(current)
if held.state ~= 'posting' or held.token ~= ARGV[1] then return 0 end
held['until'] = tonumber(ARGV[2]) + tonumber(ARGV[3])
redis.call('SET', KEYS[1], cjson.encode(held), 'KEEPTTL')
return 1
`;

// The marker only moves forward: to a later sequence, or to another version of the same one.
const ADVANCE_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if raw then
  local held = cjson.decode(raw)
  if tonumber(held.seq) > tonumber(ARGV[1]) or held.version == ARGV[2] then return 0 end
end
redis.call('SET', KEYS[1], cjson.encode({ seq = tonumber(ARGV[1]), version = ARGV[2] }))
return 1
`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    factdeskBeginDelivery(
      subKey: string,
      lastKey: string,
      slotKey: string,
      sharedKey: string,
      job: string,
      now: number,
      leaseMs: number,
      ttlSeconds: number,
      token: string,
      sharedChannel: string,
    ): Result<[string, string, string, string], Context>;
    factdeskFence(
      slotKey: string,
      token: string,
      now: number,
      leaseMs: number,
    ): Result<number, Context>;
    factdeskRecordDelivery(
      slotKey: string,
      lastKey: string,
      subKey: string,
      shownKey: string,
      orderKey: string,
      posted: string,
      last: string,
      ttlSeconds: number,
      slot: number,
      fixes: string,
    ): Result<number, Context>;
    factdeskRecordCorrection(
      slotKey: string,
      lastKey: string,
      subKey: string,
      shownKey: string,
      orderKey: string,
      posted: string,
      last: string,
      ttlSeconds: number,
      slot: number,
      at: string,
      fixes: string,
    ): Result<number, Context>;
    factdeskRecordGone(
      slotKey: string,
      lastKey: string,
      subKey: string,
      shownKey: string,
      orderKey: string,
      abandoned: string,
      last: string,
      ttlSeconds: number,
      slot: number,
      at: string,
      message: string,
      ids: string,
    ): Result<number, Context>;
    factdeskRecordShare(
      shownKey: string,
      orderKey: string,
      sharedKey: string,
      id: string,
      channel: string,
      ttlSeconds: number,
      kept: number,
      ...entries: string[]
    ): Result<number, Context>;
    factdeskAdvanceCorrections(key: string, seq: number, version: string): Result<number, Context>;
  }
}

const withScripts = new WeakSet<Redis>();

/**
 * The digest store in Redis, all under one prefix (tests give each run its own). Starting and
 * recording a delivery are Lua scripts, so each is one atomic round trip.
 */
export function redisDigestStore(redis: Redis, prefix: string): DigestStore {
  const subKey = (id: string) => `${prefix}:sub:${id}`;
  // The last delivery lives apart from the record: recording it is then one write, with no
  // read-modify-write that could undo a re-subscription made while the digest was posting.
  const lastKey = (id: string) => `${prefix}:last:${id}`;
  const workspaceKey = (platform: string, workspaceId: string) =>
    `${prefix}:subs:${platform}:${workspaceId}`;
  const slotKey = (id: string, slot: SlotKey) => `${prefix}:slot:${id}:${slot}`;
  const correctedKey = `${prefix}:corrected`;
  // Shared answers: the channels that have them (id → channel), and per channel the statements
  // shown (id → as shown) and the order they were shared in.
  const sharedKey = `${prefix}:shared`;
  const shownKey = (id: string) => `${prefix}:shared-shown:${id}`;
  const orderKey = (id: string) => `${prefix}:shared-order:${id}`;
  // What the record scripts (delivery, correction, gone) read and write, as they name the keys.
  const recordKeys = (id: string, slot: SlotKey) =>
    [slotKey(id, slot), lastKey(id), subKey(id), shownKey(id), orderKey(id)] as const;
  // "manifest2": keys that carry statement fingerprints. A manifest of the older form is not read,
  // so a channel's first digest after the upgrade introduces the corpus instead of listing it all.
  const manifestKey = (version: string) => `${prefix}:manifest2:${version}`;

  const parse = (raw: string | null | undefined, last: string | null | undefined) =>
    raw ? storedSubscription(raw, last) : null;
  const read = async (ids: readonly string[]): Promise<Array<Subscription | null>> => {
    if (ids.length === 0) return [];
    const raws = await redis.mget(...ids.map(subKey), ...ids.map(lastKey));
    return ids.map((_, i) => parse(raws[i], raws[ids.length + i]));
  };

  // evalsha, not eval: the script is sent once per connection, not once per job.
  if (!withScripts.has(redis)) {
    redis.defineCommand("factdeskBeginDelivery", { numberOfKeys: 4, lua: BEGIN_SCRIPT });
    redis.defineCommand("factdeskRecordDelivery", { numberOfKeys: 5, lua: RECORD_SCRIPT });
    redis.defineCommand("factdeskRecordCorrection", { numberOfKeys: 5, lua: CORRECT_SCRIPT });
    redis.defineCommand("factdeskRecordGone", { numberOfKeys: 5, lua: GONE_SCRIPT });
    redis.defineCommand("factdeskRecordShare", { numberOfKeys: 3, lua: SHARE_SCRIPT });
    redis.defineCommand("factdeskAdvanceCorrections", { numberOfKeys: 1, lua: ADVANCE_SCRIPT });
    redis.defineCommand("factdeskFence", { numberOfKeys: 1, lua: FENCE_SCRIPT });
    withScripts.add(redis);
  }

  async function shared(id: string): Promise<SharedAnswers | null> {
    const [[, channel], [, held], [, order]] = (await redis
      .multi()
      .hget(sharedKey, id)
      .hgetall(shownKey(id))
      .zrange(orderKey(id), 0, -1)
      .exec()) as [[null, string | null], [null, Record<string, string>], [null, string[]]];
    if (!channel || order.length === 0) return null;
    const shown = Object.fromEntries(
      order.flatMap((k) => (held[k] ? [[k, JSON.parse(held[k]) as ShownStatement]] : [])),
    );
    return { id, channel: JSON.parse(channel), shown };
  }

  return {
    async get(id) {
      return (await read([id]))[0] ?? null;
    },
    async forChannel(channel) {
      return (await read([subscriptionId(channel)]))[0] ?? null;
    },
    async save(sub) {
      const { lastDelivery: _, ...record } = sub;
      await redis
        .multi()
        .set(subKey(sub.id), JSON.stringify(record))
        .sadd(workspaceKey(sub.platform, sub.workspaceId), sub.id)
        .exec();
    },
    async update(id, change) {
      const sub = (await read([id]))[0];
      if (!sub) return null;
      const { lastDelivery: _, ...next } = change(sub);
      // XX: an unsubscribe that landed meanwhile is not undone by writing the record back.
      const written = await redis.set(subKey(id), JSON.stringify(next), "XX");
      return written ? { ...next, lastDelivery: sub.lastDelivery } : null;
    },
    async recordDelivery(id, slot, delivery, fixes = []) {
      const posted: SlotState = { state: "posted", messageId: delivery.messageId };
      const written = await redis.factdeskRecordDelivery(
        ...recordKeys(id, slot),
        JSON.stringify(posted),
        JSON.stringify(delivery),
        SLOT_TTL_SECONDS,
        slot,
        fixes.length > 0 ? JSON.stringify(fixes) : "",
      );
      return written === -1 ? "duplicate" : "recorded";
    },
    async recordCorrection(id, key, messageId, delivery, fixes = []) {
      const posted: SlotState = { state: "posted", messageId };
      const written = await redis.factdeskRecordCorrection(
        ...recordKeys(id, key),
        JSON.stringify(posted),
        delivery ? JSON.stringify(delivery) : "",
        SLOT_TTL_SECONDS,
        delivery?.slot ?? 0,
        delivery?.at ?? "",
        fixes.length > 0 ? JSON.stringify(fixes) : "",
      );
      return written === -1 ? "duplicate" : written === 1 ? "recorded" : "stale";
    },
    async recordGone(id, key, message, ids, delivery) {
      const abandoned: SlotState = { state: "abandoned", reason: "post.original_gone" };
      const written = await redis.factdeskRecordGone(
        ...recordKeys(id, key),
        JSON.stringify(abandoned),
        delivery ? JSON.stringify(delivery) : "",
        SLOT_TTL_SECONDS,
        delivery?.slot ?? 0,
        delivery?.at ?? "",
        message,
        JSON.stringify(ids),
      );
      return written === 1 ? "recorded" : "stale";
    },
    async recordShare(channel, messageId, showed) {
      const entries = Object.entries(showed).flatMap(([statement, st]) => [
        statement,
        JSON.stringify({ ...st, message: messageId }),
      ]);
      if (entries.length === 0) return;
      const id = subscriptionId(channel);
      await redis.factdeskRecordShare(
        shownKey(id),
        orderKey(id),
        sharedKey,
        id,
        JSON.stringify(channel),
        SHARES_TTL_SECONDS,
        SHOWN_KEPT,
        ...entries,
      );
    },
    shared,
    async allShared() {
      const ids = await redis.hkeys(sharedKey);
      const found: SharedAnswers[] = [];
      for (const id of ids) {
        const shares = await shared(id);
        // A channel whose record expired is forgotten here, lazily.
        if (shares) found.push(shares);
        else await redis.hdel(sharedKey, id);
      }
      return found;
    },
    async all() {
      const ids: string[] = [];
      const from = `${prefix}:sub:`;
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${from}*`, "COUNT", 1000);
        ids.push(...keys.map((k) => k.slice(from.length)));
        cursor = next;
      } while (cursor !== "0");
      // SCAN may return a key twice.
      return (await read([...new Set(ids)])).filter((s): s is Subscription => s !== null);
    },
    async advanceCorrections(seq, version) {
      return (await redis.factdeskAdvanceCorrections(correctedKey, seq, version)) === 1;
    },
    async remove(sub) {
      await redis
        .multi()
        .del(subKey(sub.id), lastKey(sub.id))
        .srem(workspaceKey(sub.platform, sub.workspaceId), sub.id)
        .exec();
    },
    async inWorkspace(platform, workspaceId) {
      const ids = await redis.smembers(workspaceKey(platform, workspaceId));
      return (await read(ids)).filter((s): s is Subscription => s !== null);
    },
    async beginDelivery(id, slot, job, now, leaseMs, token = job) {
      const [kind, raw, last, current] = await redis.factdeskBeginDelivery(
        subKey(id),
        lastKey(id),
        slotKey(id, slot),
        sharedKey,
        job,
        now,
        leaseMs,
        SLOT_TTL_SECONDS,
        token,
        typeof slot === "string" ? id : "",
      );
      if (kind === "missing") return { kind };
      if (kind === "settled" || kind === "busy") {
        const state = JSON.parse(current) as SlotState;
        if (state.state === "posting") return { kind: "busy", until: state.until };
        return { kind: "settled", state };
      }
      const claimed = kind === "claimed" ? "claimed" : "resumed";
      if (last === "shared") return { kind: claimed, sub: null, shared: JSON.parse(raw) };
      const sub = parse(raw, last);
      if (!sub) return { kind: "missing" };
      return kind === "paused" ? { kind, sub } : { kind: claimed, sub };
    },
    async fence(id, slot, token, now, leaseMs) {
      return (await redis.factdeskFence(slotKey(id, slot), token, now, leaseMs)) === 1;
    },
    async slot(id, slot) {
      const raw = await redis.get(slotKey(id, slot));
      return raw ? (JSON.parse(raw) as SlotState) : null;
    },
    async setSlot(id, slot, state) {
      await redis.set(slotKey(id, slot), JSON.stringify(state), "EX", SLOT_TTL_SECONDS);
    },
    async manifest(version) {
      const members = await redis.smembers(manifestKey(version));
      return members.length > 0 ? new Set(members) : null;
    },
    async saveManifest(version, keys) {
      if (keys.length === 0 || (await redis.exists(manifestKey(version)))) return;
      await redis
        .multi()
        .sadd(manifestKey(version), ...keys)
        .expire(manifestKey(version), MANIFEST_TTL_SECONDS)
        .exec();
    },
  };
}
