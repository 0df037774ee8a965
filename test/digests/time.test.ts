import { describe, expect, it } from "vitest";
import { nextRun, previousRun } from "../../src/digests/time.ts";

describe("schedule runs", () => {
  it("gives the run strictly before an instant, in the schedule's zone", () => {
    const slot = Date.UTC(2026, 2, 22, 7, 30);
    expect(previousRun("30 7 * * *", "UTC", slot)).toBe(Date.UTC(2026, 2, 21, 7, 30));
    expect(previousRun("30 7 * * *", "UTC", slot + 1)).toBe(slot);
    // 08:00 in Berlin is 07:00 UTC in winter, 06:00 UTC from the last Sunday of March on.
    expect(previousRun("0 8 * * *", "Europe/Berlin", Date.UTC(2026, 2, 30, 6))).toBe(
      Date.UTC(2026, 2, 29, 6),
    );
    expect(previousRun("0 8 * * *", "Europe/Berlin", Date.UTC(2026, 2, 29, 6))).toBe(
      Date.UTC(2026, 2, 28, 7),
    );
    // Weekdays: Monday's run comes after Friday's.
    expect(previousRun("30 7 * * 1-5", "UTC", Date.UTC(2026, 2, 23, 7, 30))).toBe(
      Date.UTC(2026, 2, 20, 7, 30),
    );
  });

  it("is the inverse of the next run for a slot the schedule fired", () => {
    const slot = Date.UTC(2026, 5, 1, 5, 30);
    expect(nextRun("30 5 * * *", "UTC", previousRun("30 5 * * *", "UTC", slot))).toBe(slot);
  });
});
