import { beforeEach, describe, expect, it } from "vitest";
import type { AuditEntry, AuditLog } from "../../src/ports/audit-log.ts";

const DAY = 86_400_000;
export const NOW = Date.parse("2026-12-02T12:00:00.000Z");

/** An answer in channel C1 to user U1, `daysAgo` before NOW, overridable field by field. */
export function auditEntry(daysAgo: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date(NOW - daysAgo * DAY).toISOString(),
    kind: "answer",
    platform: "slack",
    workspace: "T1",
    channel: "C1",
    user: "U1",
    text: "how many died at crocus",
    understood: { command: "figure", options: { topic: "crocus death toll" }, confidence: 0.8 },
    command: "figure",
    code: "ok",
    corpusVersion: "v-abc",
    statements: ["fig-crocus-deaths-1", "fig-crocus-deaths-2"],
    messageId: null,
    process: "bot@test:1",
    ...overrides,
  };
}

/** One suite every AuditLog passes; `fresh` gives an empty trail for each test. */
export function auditLogContract(name: string, fresh: () => Promise<AuditLog>): void {
  describe(`audit log contract: ${name}`, () => {
    let audit: AuditLog;
    beforeEach(async () => {
      audit = await fresh();
      return () => audit.close();
    });

    it("reads back what it recorded, every field, oldest first", async () => {
      const later = auditEntry(0, { text: "actor iskp", understood: null, statements: [] });
      const earlier = auditEntry(1, { kind: "share", messageId: "m1" });
      await audit.record(later);
      await audit.record(earlier);
      expect(await audit.query({ since: new Date(NOW - 2 * DAY) })).toEqual([earlier, later]);
    });

    it("keeps digest posts and corrections, with no user and no text, and what they told", async () => {
      const digest = auditEntry(0.5, {
        kind: "digest",
        user: null,
        text: null,
        understood: null,
        command: "digest",
        messageId: "1700000000.0001",
      });
      const correction = auditEntry(0, {
        ...digest,
        kind: "correction",
        statements: ["fig-crocus-deaths-2"],
        messageId: "1700000000.0002",
      });
      await audit.record(digest);
      await audit.record(correction);
      expect(await audit.query({ since: new Date(NOW - DAY) })).toEqual([digest, correction]);
    });

    it("keeps shell and ask answers: the OS user, no workspace or channel", async () => {
      const asked = auditEntry(0, { platform: "cli", workspace: "", channel: "", user: "ana" });
      await audit.record(asked);
      expect(await audit.query({ since: new Date(NOW - DAY), user: "ana" })).toEqual([asked]);
    });

    it("answers since a time, by channel and by user", async () => {
      await audit.record(auditEntry(10));
      await audit.record(auditEntry(0.5, { channel: "C2" }));
      await audit.record(auditEntry(0.25, { user: "U2" }));
      const since = new Date(NOW - DAY);
      expect((await audit.query({ since })).map((e) => [e.channel, e.user])).toEqual([
        ["C2", "U1"],
        ["C1", "U2"],
      ]);
      expect(await audit.query({ since, channel: "C2" })).toHaveLength(1);
      expect((await audit.query({ since, user: "U2" }))[0]?.user).toBe("U2");
      expect(await audit.query({ since, channel: "C9" })).toEqual([]);
    });

    it("prunes entries days older than the cut-off and keeps recent ones", async () => {
      await audit.record(auditEntry(40));
      await audit.record(auditEntry(35));
      await audit.record(auditEntry(1));
      expect(await audit.prune(new Date(NOW - 30 * DAY))).toBe(2);
      const left = await audit.query({ since: new Date(0) });
      expect(left.map((e) => e.at)).toEqual([auditEntry(1).at]);
    });

    it("refuses an entry that is not one", async () => {
      const bad = { ...auditEntry(0), code: 42 } as unknown as AuditEntry;
      await expect(audit.record(bad)).rejects.toThrow();
      expect(await audit.query({ since: new Date(0) })).toEqual([]);
    });
  });
}
