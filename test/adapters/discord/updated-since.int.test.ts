import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordMessage } from "../../../src/adapters/discord/message.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import { type SnapshotHolder, snapshotHolder } from "../../../src/corpus/holder.ts";
import { bundledSnapshot, publishedAs } from "../../support/corpus.ts";
import { buttonPress, chatInput } from "../../support/discord-payloads.ts";
import {
  type CallbackBody,
  type FakeDiscord,
  startFakeDiscord,
} from "../../support/fake-discord.ts";
import { visibleText } from "./inspect.ts";

// discord.js against local REST, answering from a holder the test swaps, as a following bot does.
let base: CorpusSnapshot;
let holder: SnapshotHolder;
let fake: FakeDiscord;

const published = (seq: number) => publishedAs(base, seq);
const customIds = (body: CallbackBody) =>
  (body.data.components ?? []).flatMap((row) =>
    row.components.map((b) => ("custom_id" in b ? b.custom_id : "")),
  );

beforeAll(async () => {
  base = await bundledSnapshot();
  holder = snapshotHolder(published(1));
  fake = await startFakeDiscord(holder);
});
afterAll(async () => {
  await fake?.close();
});

describe("a Discord button pressed after a newer version arrived", () => {
  it("answers from the new version and says it was updated since", async () => {
    const answer = await fake.interact(chatInput("actor", { name: "iskp" }));
    const more = customIds(answer).find((id) => id.includes(":more:")) as string;
    expect(more).toBe("fd1:v1:more:more actor iskp");
    holder.replace(published(2));
    const full = await fake.interact(buttonPress(more, answer.data.embeds));
    const text = visibleText(full.data as unknown as DiscordMessage);
    expect(text).toContain("Updated since");
    expect(text).toContain("corpus v1 → corpus v2 · published 2 Dec 2026, 03:40 UTC");
    expect(customIds(full).find((id) => id.includes(":quotes:"))).toMatch(/^fd1:v2:quotes:/);
    expect(fake.problems).toEqual([]);
  });
});
