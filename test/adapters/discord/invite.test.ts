import { PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { BOT_PERMISSIONS, inviteUrl } from "../../../src/adapters/discord/commands.ts";

describe("the Discord invite link", () => {
  it("asks for exactly what posting digests and finding slot markers use", () => {
    const wanted =
      PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.EmbedLinks |
      PermissionFlagsBits.ReadMessageHistory;
    expect(BigInt(BOT_PERMISSIONS)).toBe(wanted);
    const url = new URL(inviteUrl("900000000000000001"));
    expect(url.searchParams.get("permissions")).toBe(String(wanted));
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
  });

  it("is the one the README gives", async () => {
    const { readFile } = await import("node:fs/promises");
    const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
    expect(readme).toContain(`permissions=${BOT_PERMISSIONS}`);
  });
});
