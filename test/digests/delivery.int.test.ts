import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Caller } from "../../src/commands/command.ts";
import type { Input } from "../../src/commands/responder.ts";
import type { Reply } from "../../src/core/reply/schema.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import { digestDelivery } from "../../src/digests/deliver.ts";
import { DIGEST_JOB, redisConnection } from "../../src/digests/queue.ts";
import { digestService, type RedisDigestService } from "../../src/digests/service.ts";
import { subscriptionId } from "../../src/digests/subscription.ts";
import { type DigestWorker, startDigestWorker } from "../../src/digests/worker.ts";
import { log } from "../../src/log.ts";
import { memoryPoster, type Poster } from "../../src/ports/poster.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { testResponder } from "../support/responder.ts";
import { until } from "../support/until.ts";

const quiet = log.child({});
quiet.level = "silent";

// Each test has a Redis prefix of its own, so it stands alone: it subscribes what it needs.
describe("digest subscriptions and delivery on Redis", () => {
  let snapshot: CorpusSnapshot;
  let redis: Redis;
  let service: RedisDigestService;
  let respond: (caller: Caller, input: Input) => Promise<Reply>;
  const run = `fdtest-${randomUUID()}`;
  let tests = 0;
  let prefix: string;
  const editor: Caller = {
    platform: "test",
    workspaceId: "W1",
    channelId: "C1",
    userId: "U-editor",
    canManage: async () => true,
  };
  const reporter: Caller = {
    ...editor,
    userId: "U-reporter",
    canManage: async () => false,
  };

  /** Delivery through `poster`; with `unschedules`, a pause really removes the job scheduler. */
  const deliveryTo = (poster: Poster, unschedules = false) =>
    digestDelivery({
      snapshots: { current: () => snapshot },
      store: service.store,
      posters: new Map([["test", poster]]),
      log: quiet,
      unschedule: async (id) => {
        if (unschedules) await service.queue.removeJobScheduler(id);
      },
    }).deliver;

  /** Subscribes the editor's channel `channelId` (C1 unless told) as a channel manager would. */
  const subscribe = (text: string, channelId = editor.channelId) =>
    respond({ ...editor, channelId }, { text: `digest subscribe ${text}` });

  beforeAll(async () => {
    snapshot = await bundledSnapshot();
    redis = redisConnection(inject("redisUrl"));
  });
  beforeEach(() => {
    prefix = `${run}-${++tests}`;
    service = digestService({ connection: redis, prefix });
    const responder = testResponder(snapshot, service);
    respond = async (caller, input) => (await responder.answer({ caller, input })).reply;
  });
  afterEach(() => service.close());
  afterAll(async () => {
    const keys = await redis.keys(`${run}-*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("subscribes a channel with a job scheduler keyed by the channel, pattern and zone", async () => {
    const reply = await respond(editor, {
      text: "digest subscribe daily 08:00 tz Europe/Berlin topic iskp",
    });
    expect(reply).toMatchObject({ ok: true, answer: { title: "Digest scheduled" } });
    const scheduler = await service.queue.getJobScheduler(subscriptionId(editor));
    expect(scheduler).toMatchObject({ pattern: "0 8 * * *", tz: "Europe/Berlin" });
    expect(await service.store.forChannel(editor)).toMatchObject({
      topic: "iskp",
      createdBy: "U-editor",
      paused: null,
    });
  });

  it("updates the schedule in place when the channel subscribes again", async () => {
    await subscribe("daily 08:00 tz Europe/Berlin topic iskp");
    const reply = await respond(editor, {
      text: "digest subscribe weekdays 07:30 tz Asia/Dushanbe",
    });
    expect(reply).toMatchObject({ ok: true, answer: { title: "Digest schedule updated" } });
    expect(await service.queue.getJobSchedulersCount()).toBe(1);
    expect(await service.queue.getJobScheduler(subscriptionId(editor))).toMatchObject({
      pattern: "30 7 * * 1-5",
      tz: "Asia/Dushanbe",
    });
  });

  it("refuses someone who cannot manage the channel, and changes nothing", async () => {
    await subscribe("daily 08:00");
    const before = await service.store.forChannel(editor);
    expect(before).not.toBeNull();
    const reply = await respond(reporter, { text: "digest unsubscribe" });
    expect(reply).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await service.store.forChannel(editor)).toEqual(before);
  });

  it("refuses an invalid zone or cron with a clear message", async () => {
    await subscribe("weekdays 07:30 tz Asia/Dushanbe");
    const zone = await respond(editor, { text: "digest subscribe daily 08:00 tz Mars/Olympus" });
    expect(zone).toMatchObject({ ok: false, error: { code: "bad_input", path: ["tz"] } });
    const cron = await respond(editor, { text: "digest subscribe 0 25 * * *" });
    expect(cron).toMatchObject({ ok: false, error: { code: "bad_input", path: ["schedule"] } });
    expect(await service.store.forChannel(editor)).toMatchObject({ tz: "Asia/Dushanbe" });
  });

  it("shows status, and lists the workspace for a manager but only the channel for others", async () => {
    await subscribe("weekdays 07:30 tz Asia/Dushanbe");
    const status = await respond(reporter, { text: "digest status" });
    expect(status.ok && status.answer.fields.find((f) => f.label === "Next run")?.value).toMatch(
      /Asia\/Dushanbe$/,
    );
    await subscribe("daily 06:00", "C2");
    const managerList = await respond(editor, { text: "digest list" });
    const reporterList = await respond(reporter, { text: "digest list" });
    expect(managerList.ok && managerList.answer.sections[0]?.items).toHaveLength(2);
    expect(reporterList.ok && reporterList.answer.sections[0]?.items).toHaveLength(1);
  });

  it("delivers one post per slot, however often the slot is queued or retried", async () => {
    await subscribe("daily 08:00");
    const poster = memoryPoster("test");
    const worker: DigestWorker = startDigestWorker({
      connection: redis,
      prefix,
      snapshots: { current: () => snapshot },
      posters: new Map([["test", poster]]),
      log: quiet,
    });
    try {
      const id = subscriptionId(editor);
      const slot = Date.UTC(2026, 2, 22, 7, 30);
      // The same slot three times: twice under one job id (BullMQ keeps one), once under another.
      await service.runSlotNow(id, slot);
      await service.runSlotNow(id, slot);
      await service.queue.add(
        DIGEST_JOB,
        { subscriptionId: id },
        { jobId: `again|${id.replaceAll(":", "|")}|${slot}` },
      );
      await until(
        async () => ((await service.store.slot(id, slot))?.state === "posted" ? true : undefined),
        "the first post to be recorded",
      );
      const deliver = deliveryTo(poster);
      expect(await deliver(id, slot, "a-later-job")).toMatchObject({ kind: "already-posted" });
      await new Promise((r) => setTimeout(r, 300));
      expect(poster.posts).toHaveLength(1);
      expect(poster.posts[0]?.key).toBe(`${id}:${slot}`);
      const digest = poster.posts[0]?.reply;
      expect(digest?.ok && digest.answer.title).toBe("Factdesk digest, 2026-03-22");
      expect((await service.store.get(id))?.lastDelivery).toMatchObject({
        slot,
        corpusVersion: snapshot.corpus.version,
      });
    } finally {
      await worker.close();
    }
  });

  it("does not post again when an attempt died after posting but before recording it", async () => {
    await subscribe("daily 06:00", "C2");
    const poster = memoryPoster("test");
    const id = subscriptionId({ ...editor, channelId: "C2" });
    const slot = Date.UTC(2026, 5, 1, 6, 0);
    const deliver = deliveryTo(poster);
    await poster.post(
      { platform: "test", workspaceId: "W1", channelId: "C2" },
      await respond(editor, { text: "help" }),
      { idempotencyKey: `${id}:${slot}` },
    );
    await service.store.setSlot(id, slot, {
      state: "posting",
      job: "job-1",
      until: Date.now() + 60_000,
    });
    expect(await deliver(id, slot, "job-1")).toEqual({ kind: "already-posted", messageId: "m1" });
    expect(poster.posts).toHaveLength(1);
    // The post found is recorded as the last delivery, so the next digest does not repeat itself.
    expect((await service.store.get(id))?.lastDelivery).toMatchObject({ slot, messageId: "m1" });
  });

  it("does not post when it cannot tell whether an earlier attempt posted", async () => {
    await subscribe("daily 06:00", "C2");
    const poster = memoryPoster("test");
    poster.answerFind({ kind: "unknown", message: "missing_scope" });
    const id = subscriptionId({ ...editor, channelId: "C2" });
    const slot = Date.UTC(2026, 5, 2, 6, 0);
    await service.store.setSlot(id, slot, { state: "posting", job: "job-1", until: 0 });
    expect(await deliveryTo(poster)(id, slot, "job-1")).toMatchObject({ kind: "retry" });
    expect(poster.posts).toHaveLength(0);
  });

  it("lets only one of two different jobs for the same slot post, the other waits", async () => {
    await subscribe("daily 06:00", "C2");
    const poster = memoryPoster("test");
    const id = subscriptionId({ ...editor, channelId: "C2" });
    const slot = Date.UTC(2026, 8, 1, 6, 0);
    const deliver = deliveryTo(poster);
    const outcomes = await Promise.all([
      deliver(id, slot, "scheduled"),
      deliver(id, slot, "run-now"),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["posted", "retry"]);
    expect(poster.posts).toHaveLength(1);
    const late = await deliver(id, slot, "run-now");
    expect(late).toMatchObject({ kind: "already-posted" });
    expect(poster.posts).toHaveLength(1);
  });

  it("pauses on a permanent failure, stops the schedule, tells the subscriber; resubscribing resumes", async () => {
    const poster = memoryPoster("test");
    const channel = { ...editor, channelId: "C-gone" };
    await respond(channel, { text: "digest subscribe daily 09:00" });
    const id = subscriptionId(channel);
    poster.failNextPost("permanent");
    const deliver = deliveryTo(poster, true);
    expect(await deliver(id, Date.UTC(2026, 0, 1, 9), "job-a")).toEqual({
      kind: "paused",
      reason: "post.channel_not_found",
    });
    expect(await service.queue.getJobScheduler(id)).toBeUndefined();
    expect(poster.notices).toHaveLength(1);
    expect(poster.notices[0]?.userId).toBe("U-editor");
    const status = await respond(channel, { text: "digest status" });
    expect(status).toMatchObject({ ok: true, answer: { title: "Digest paused" } });
    expect(await deliver(id, Date.UTC(2026, 0, 2, 9), "job-b")).toMatchObject({ kind: "skipped" });
    await respond(channel, { text: "digest subscribe daily 09:00" });
    expect(await service.store.get(id)).toMatchObject({ paused: null });
    expect(await service.queue.getJobScheduler(id)).toBeDefined();
  });

  it("waits out a Retry-After without failing an attempt, then posts once", async () => {
    await subscribe("daily 06:00", "C2");
    const poster = memoryPoster("test");
    poster.failNextPost({ retryAfterMs: 300 });
    const worker = startDigestWorker({
      connection: redis,
      prefix,
      snapshots: { current: () => snapshot },
      posters: new Map([["test", poster]]),
      log: quiet,
    });
    try {
      const id = subscriptionId({ ...editor, channelId: "C2" });
      const slot = Date.UTC(2026, 6, 1, 6);
      await service.runSlotNow(id, slot);
      await until(() => (poster.posts.length > 0 ? true : undefined), "the post after Retry-After");
      expect(poster.failed).toHaveLength(1);
      expect(poster.posts).toHaveLength(1);
      const done = await until(async () => {
        const jobs = await service.queue.getJobs(["completed"]);
        return jobs.find((j) => j.data.subscriptionId === id && j.id?.endsWith(`|${slot}`));
      }, "the completed job");
      // Delayed for Retry-After, then done on its first real attempt: no failure recorded.
      expect(done.stacktrace).toEqual([]);
      expect(done.attemptsMade).toBeLessThanOrEqual(1);
      expect((await service.store.get(id))?.lastError).toBeNull();
    } finally {
      await worker.close();
    }
  });
});
