import { ApplicationCommandOptionType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordMessage } from "../../../src/adapters/discord/message.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { autocomplete, chatInput } from "../../support/discord-payloads.ts";
import {
  type CallbackBody,
  type FakeDiscord,
  startFakeDiscord,
} from "../../support/fake-discord.ts";
import { visibleText } from "./inspect.ts";

// Interactions Discord would only send for stale or forged command definitions, through the real
// discord.js client: each gets a plain answer, and nothing is logged as a failure.
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord(await bundledSnapshot());
});
afterAll(() => fake.close());

const shown = (body: CallbackBody) => visibleText(body.data as unknown as DiscordMessage);

describe("Discord interactions the bot did not register", () => {
  it("answers a command name it does not know, saying how to re-register", async () => {
    const payload = chatInput("actor", { name: "iskp" });
    payload.data.name = "factdesk-old";
    const body = await fake.interact(payload);
    expect(shown(body)).toContain("does not know the command `/factdesk-old`");
    expect(shown(body)).toContain("npm run discord:register");
    expect(body.data.flags).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(fake.problems).toEqual([]);
  });

  it("answers options of the wrong type with the command's usage", async () => {
    for (const [i, value] of [5, true, null, { a: 1 }, ["iskp"]].entries()) {
      const payload = chatInput("actor", { name: "x" });
      const sub = payload.data.options?.[0] as unknown as {
        options: Array<Record<string, unknown>>;
      };
      sub.options[0] = { name: "name", type: ApplicationCommandOptionType.Integer, value };
      const body = await fake.interact({ ...payload, id: `90000000000000010${i}` });
      expect(shown(body)).toContain("Usage\nactor <name>");
      expect(shown(body)).not.toMatch(/Something went wrong/);
    }
    expect(fake.problems).toEqual([]);
  });

  it("answers an autocomplete with no focused option with no choices, quietly", async () => {
    const payload = autocomplete("actor", "name", "isk");
    const sub = payload.data.options[0] as { options: Array<{ focused?: boolean }> };
    delete sub.options[0]?.focused;
    const body = await fake.interact(payload);
    expect(body.data.choices).toEqual([]);
    expect(fake.problems).toEqual([]);
  });
});
