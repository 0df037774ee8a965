import { beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../../src/commands/command.ts";
import { digest } from "../../src/commands/digest.ts";
import { parseSchedule, parseTimeZone } from "../../src/commands/digest-schedule.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import type { Subscription } from "../../src/digests/subscription.ts";
import { type DigestService, memoryDigestService } from "../../src/ports/digest-service.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { testCaller, testResponder } from "../support/responder.ts";

describe("parseSchedule", () => {
  it.each([
    ["daily 08:00", "0 8 * * *", "daily at 08:00"],
    ["weekdays 7:30", "30 7 * * 1-5", "weekdays at 07:30"],
    ["weekly mon 09:00", "0 9 * * 1", "weekly on mon at 09:00"],
    ["Weekly Friday 17:45", "45 17 * * 5", "weekly on fri at 17:45"],
    ["0 8 * * 1-5", "0 8 * * 1-5", 'cron "0 8 * * 1-5"'],
  ])("reads %s", (text, cron, label) => {
    expect(parseSchedule(text)).toEqual({ ok: true, value: { cron, label } });
  });

  it.each([
    "daily 25:00",
    "daily",
    "weekly 09:00",
    "weekly someday 09:00",
    "61 8 * * *",
    "every now and then",
    "",
  ])("refuses %j with a message that shows the accepted forms", (text) => {
    expect(parseSchedule(text)).toMatchObject({
      ok: false,
      error: { code: "schedule.invalid_schedule", message: expect.stringContaining("daily 08:00") },
    });
  });
});

describe("parseTimeZone", () => {
  it("accepts IANA zones in any case and returns the canonical name", () => {
    expect(parseTimeZone("europe/berlin")).toEqual({ ok: true, value: "Europe/Berlin" });
    expect(parseTimeZone("UTC")).toEqual({ ok: true, value: "UTC" });
  });

  it("refuses what is not a zone", () => {
    expect(parseTimeZone("Mars/Olympus")).toMatchObject({
      ok: false,
      error: {
        code: "schedule.invalid_time_zone",
        message: expect.stringContaining("Europe/Berlin"),
      },
    });
  });
});

const fromText = (text: string) => digest.fromText?.(text) ?? {};

describe("digest text", () => {
  const schema = digest.schema;

  it("splits schedule, zone and topic in either order", () => {
    expect(fromText("subscribe daily 08:00 tz Europe/Berlin topic isis k")).toEqual({
      action: "subscribe",
      schedule: "daily 08:00",
      tz: "Europe/Berlin",
      topic: "isis k",
    });
    expect(fromText("subscribe weekly mon 09:00 topic taliban tz Asia/Kabul")).toMatchObject({
      schedule: "weekly mon 09:00",
      tz: "Asia/Kabul",
      topic: "taliban",
    });
  });

  it("parses a full subscribe request, leaving the zone to the deployment's default", () => {
    expect(schema.parse(fromText("subscribe weekdays 07:30"))).toEqual({
      action: "subscribe",
      schedule: { cron: "30 7 * * 1-5", label: "weekdays at 07:30" },
    });
  });

  it("refuses an invalid zone or schedule with a message and a path", () => {
    const zone = schema.safeParse(fromText("subscribe daily 08:00 tz Mars/Olympus"));
    expect(zone.success).toBe(false);
    expect(zone.error?.issues[0]).toMatchObject({
      path: ["tz"],
      message: expect.stringContaining("not a time zone"),
    });
    const cron = schema.safeParse(fromText("subscribe 99 * * * *"));
    expect(cron.error?.issues[0]).toMatchObject({
      path: ["schedule"],
      message: expect.stringContaining("cron"),
    });
  });

  it("refuses words after an action that takes none", () => {
    expect(schema.safeParse(fromText("status now please")).success).toBe(false);
  });
});

describe("digest command", () => {
  let snapshot: CorpusSnapshot;
  beforeAll(async () => {
    snapshot = await bundledSnapshot();
  });
  const NOW = Date.parse("2024-03-22T06:00:00Z");
  const ask = async (
    text: string,
    digests: DigestService | null,
    caller: Partial<Caller> = {},
    via?: "button",
  ) => {
    const responder = testResponder(snapshot, digests, () => NOW);
    return responder.answer({
      caller: testCaller(caller),
      input: { text },
      ...(via ? { via } : {}),
    });
  };

  it("subscribes a manager's channel in the default zone, and offers no button to run it again", async () => {
    const digests = memoryDigestService();
    const { reply, reask } = await ask("digest subscribe daily 08:00", digests);
    expect(reply).toMatchObject({ ok: true, answer: { title: "Digest scheduled" } });
    expect(reask).toBeNull();
    const [sub] = digests.subscriptions.values();
    expect(sub).toMatchObject({ cron: "0 8 * * *", tz: "UTC", createdBy: "U1", channelId: "C1" });
  });

  it("keeps the last delivery when a channel subscribes again", async () => {
    const digests = memoryDigestService();
    await ask("digest subscribe daily 08:00", digests);
    const id = [...digests.subscriptions.keys()][0] as string;
    const first = digests.subscriptions.get(id) as Subscription;
    const lastDelivery = {
      at: "2024-03-21T08:00:00Z",
      slot: 1,
      messageId: "m1",
      corpusVersion: "v",
      shown: {},
    };
    digests.subscriptions.set(id, { ...first, lastDelivery });
    const { reply } = await ask("digest subscribe weekdays 07:30 tz Europe/Berlin", digests);
    expect(reply.answer?.title).toBe("Digest schedule updated");
    expect(digests.subscriptions.get(id)).toMatchObject({ tz: "Europe/Berlin", lastDelivery });
  });

  it("refuses someone who cannot manage the channel, changing nothing", async () => {
    const digests = memoryDigestService();
    const { reply } = await ask("digest subscribe daily 08:00", digests, {
      canManage: async () => false,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(digests.subscriptions.size).toBe(0);
  });

  it("never lets a button click change a digest, even for a manager", async () => {
    const digests = memoryDigestService();
    await ask("digest subscribe daily 08:00", digests);
    const { reply } = await ask("digest unsubscribe", digests, {}, "button");
    expect(reply).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(digests.subscriptions.size).toBe(1);
  });

  it("unsubscribes, and says so when there was nothing to stop", async () => {
    const digests = memoryDigestService();
    await ask("digest subscribe daily 08:00", digests);
    expect((await ask("digest unsubscribe", digests)).reply.ok).toBe(true);
    expect(digests.subscriptions.size).toBe(0);
    expect((await ask("digest unsubscribe", digests)).reply.error?.code).toBe("not_found");
  });

  it("shows status and lists the workspace's digests to a manager, only the channel's to others", async () => {
    const digests = memoryDigestService();
    await ask("digest subscribe daily 08:00", digests);
    await ask("digest subscribe daily 09:00", digests, { channelId: "C2" });
    const status = (await ask("digest status", digests)).reply;
    expect(status.answer?.fields.find((f) => f.label === "Schedule")?.value).toContain("0 8 * * *");
    expect((await ask("digest list", digests)).reply.answer?.sections[0]?.items).toHaveLength(2);
    const mine = await ask("digest list", digests, { canManage: async () => false });
    expect(mine.reply.answer?.sections[0]?.items).toHaveLength(1);
  });

  it("dates the last error, and says it is over once a delivery landed after it", async () => {
    const digests = memoryDigestService();
    await ask("digest subscribe daily 08:00", digests);
    const id = [...digests.subscriptions.keys()][0] as string;
    const sub = digests.subscriptions.get(id) as Subscription;
    const lastError = {
      at: "2024-03-21T08:00:10Z",
      message: "post.network: timeout",
      permanent: false,
    };
    const errorOf = async () =>
      (await ask("digest status", digests)).reply.answer?.fields.find(
        (f) => f.label === "Last error",
      )?.value;
    digests.subscriptions.set(id, { ...sub, lastError });
    expect(await errorOf()).toBe("2024-03-21 08:00 UTC: post.network: timeout");
    const lastDelivery = {
      at: "2024-03-21T08:01:00Z",
      slot: 1,
      messageId: "m1",
      corpusVersion: "v",
      shown: {},
    };
    digests.subscriptions.set(id, { ...sub, lastError, lastDelivery });
    expect(await errorOf()).toMatch(
      /^none since the last delivery \(before it, .*post\.network: timeout\)$/,
    );
  });

  it("previews without any digest service; other subcommands say why they are unavailable", async () => {
    expect((await ask("digest preview", null)).reply).toMatchObject({ ok: true });
    const { reply } = await ask("digest status", null);
    expect(reply.error).toMatchObject({ code: "unavailable" });
    expect(reply.error?.message).toContain("digests are not configured in this test");
  });

  it("answers a failing service with a plain sentence, never the exception's message", async () => {
    const broken: DigestService = {
      ...memoryDigestService(),
      forChannel: async () => {
        throw new Error("ECONNREFUSED 10.0.0.7:6379 secret-host");
      },
    };
    const { reply } = await ask("digest status", broken);
    expect(reply.error?.code).toBe("unavailable");
    expect(reply.error?.message).toMatch(/Digests are unavailable right now/);
    expect(JSON.stringify(reply)).not.toContain("ECONNREFUSED");
  });

  it("names a subcommand it does not have, with the usage", async () => {
    const { reply } = await ask("digest sometimes", memoryDigestService());
    expect(reply.error).toMatchObject({ code: "bad_input", path: ["action"] });
    expect(reply.error?.message).toContain("subscribe, unsubscribe, list, status, preview");
  });
});
