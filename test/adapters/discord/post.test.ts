import { describe, expect, it } from "vitest";
import { slotMarker, snowflakeAt } from "../../../src/adapters/discord/post.ts";

describe("Discord snowflakes and slot markers", () => {
  it("makes the smallest snowflake of an instant", () => {
    // Discord's documented example: 175928847299117063 was minted at 1462015105796 ms.
    const example = 175928847299117063n;
    expect(BigInt(snowflakeAt(1462015105796))).toBeLessThanOrEqual(example);
    expect(BigInt(snowflakeAt(1462015105797))).toBeGreaterThan(example);
    expect(example - BigInt(snowflakeAt(1462015105796))).toBeLessThan(1n << 22n);
    expect(snowflakeAt(0)).toBe("0");
  });

  it("marks each key apart, the same way every time, in a few characters", () => {
    expect(slotMarker("discord:G1:C1:1")).toBe(slotMarker("discord:G1:C1:1"));
    expect(slotMarker("discord:G1:C1:1")).not.toBe(slotMarker("discord:G1:C1:2"));
    expect(slotMarker("x")).toMatch(/^ref [0-9a-f]{12}$/);
  });
});
