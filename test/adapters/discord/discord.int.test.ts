import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  ApplicationCommandOptionType,
  type Interaction as DjsInteraction,
  Events,
  MessageFlags,
  REST,
} from "discord.js";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { replyOrDefer } from "../../../src/adapters/discord/acknowledge.ts";
import { discordAdapter } from "../../../src/adapters/discord/adapter.ts";
import { createClient, createRest } from "../../../src/adapters/discord/client.ts";
import { commandDefinitions } from "../../../src/adapters/discord/commands.ts";
import { limitViolations } from "../../../src/adapters/discord/limits.ts";
import type { DiscordMessage } from "../../../src/adapters/discord/message.ts";
import { nonceFor, postMessage } from "../../../src/adapters/discord/post.ts";
import { registerCommands } from "../../../src/adapters/discord/register.ts";
import { render } from "../../../src/adapters/discord/render.ts";
import { startDiscord } from "../../../src/adapters/discord/start.ts";
import { commands } from "../../../src/commands/registry.ts";
import type { CorpusSnapshot } from "../../../src/core/snapshot.ts";
import type { ChannelRef } from "../../../src/ports/poster.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import {
  APPLICATION_ID,
  autocomplete,
  buttonPress,
  CHANNEL_ID,
  chatInput,
  GUILD_ID,
  MEMBER,
} from "../../support/discord-payloads.ts";
import {
  apiPath,
  type CallbackBody,
  dispatchInteraction,
  type FakeDiscord,
  json,
  startFakeDiscord,
} from "../../support/fake-discord.ts";
import { replyTo, testResponder } from "../../support/responder.ts";
import { type AdapterHarness, adapterContract } from "../contract.ts";
import { asShown, citationsShown, mentionsIn, visibleText } from "./inspect.ts";

const TOKEN = "test-token";
const run = promisify(execFile);
const TSX = new URL("../../../node_modules/.bin/tsx", import.meta.url).pathname;
const REGISTER_CLI = new URL("../../../src/cli/discord-register.ts", import.meta.url).pathname;
const MESSAGES = apiPath(`/channels/${CHANNEL_ID}/messages`);

let snapshot: CorpusSnapshot;
let fake: FakeDiscord;

/** The callback's message as the renderer's type, to run the same checks on it. */
function asMessage(body: CallbackBody): DiscordMessage {
  return body.data as unknown as DiscordMessage;
}

function customIds(body: CallbackBody): string[] {
  return (body.data.components ?? []).flatMap((row) =>
    row.components.map((b) => ("custom_id" in b ? b.custom_id : "")),
  );
}

let messageSerial = 0;
function sentMessage() {
  messageSerial += 1;
  return {
    status: 200,
    body: { id: String(920000000000000000n + BigInt(messageSerial)), channel_id: CHANNEL_ID },
  };
}

beforeAll(async () => {
  snapshot = await bundledSnapshot();
  fake = await startFakeDiscord(snapshot);
});

afterEach(() => {
  expect(fake.problems).toEqual([]);
});

afterAll(async () => {
  await fake.close();
});

describe("slash commands through discord.js", () => {
  it("answers /factdesk attack crocus ephemerally with embeds within limits and nothing that pings", async () => {
    const body = await fake.interact(chatInput("attack", { query: "crocus" }));
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(asMessage(body))).toEqual([]);
    expect(visibleText(asMessage(body))).toContain("Crocus City Hall");
    expect(customIds(body)).toEqual([
      "fd1:more:more attack crocus",
      "fd1:quotes:attack crocus",
      "fd1:share:attack crocus",
    ]);
  });

  it("answers every registered subcommand from the same definitions it registers", async () => {
    const [root] = commandDefinitions();
    const samples: Record<string, string> = {
      command: "figure",
      name: "isis-k",
      query: "crocus",
      topic: "crocus death toll",
      words: "tajik migrants",
      id: "taz",
      actor: "isis-k",
    };
    const subcommands = (root?.options ?? []).filter(
      (o) => o.type === ApplicationCommandOptionType.Subcommand,
    );
    expect(subcommands.length).toBe(commands.filter((c) => !c.subcommands).length);
    for (const sub of subcommands) {
      const options = Object.fromEntries(
        ("options" in sub ? (sub.options ?? []) : [])
          .filter((o) => o.required)
          .map((o) => [o.name, samples[o.name] ?? "x"]),
      );
      const body = await fake.interact(chatInput(sub.name, options));
      expect(visibleText(asMessage(body)), sub.name).not.toMatch(
        /Unknown command|Check the request/,
      );
      expect(limitViolations(asMessage(body))).toEqual([]);
    }
  });

  it("refuses an unknown subcommand with an ephemeral error", async () => {
    const body = await fake.interact(chatInput("nope"));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.embeds?.[0]?.title).toBe("Unknown command");
    expect(body.data.components).toEqual([]);
  });

  it("neutralises hostile input: mentions do not render and cannot ping", async () => {
    const hostile = "@everyone @here <@&123456789012345678> <@123456789012345678> **x**";
    for (const payload of [
      chatInput("actor", { name: hostile }),
      chatInput("search", { words: hostile }),
    ]) {
      const body = await fake.interact(payload);
      expect(body.data.allowed_mentions).toEqual({ parse: [] });
      expect(mentionsIn(asMessage(body))).toEqual([]);
      expect(limitViolations(asMessage(body))).toEqual([]);
    }
  });

  it("refuses 10,000 characters without echoing them", async () => {
    const body = await fake.interact(
      chatInput("search", { words: `@everyone ${"w".repeat(10_000)}` }),
    );
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.embeds?.[0]?.title).toBe("Check the request");
    expect(JSON.stringify(body).length).toBeLessThan(2_000);
    expect(mentionsIn(asMessage(body))).toEqual([]);
  });
});

describe("autocomplete", () => {
  it.each([
    ["actor", "name", "isis", "Islamic State"],
    ["attack", "query", "krok", "Crocus City Hall attack"],
    ["actor", "name", "rahm", "Emomali Rahmon"],
  ])("offers corpus names for %s %s '%s'", async (sub, option, partial, expected) => {
    const body = await fake.interact(autocomplete(sub, option, partial));
    expect(body.type).toBe(8);
    const choices = body.data.choices ?? [];
    expect(choices.map((c) => c.value)).toContain(expected);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it("clips long choice names to 100 characters", async () => {
    const body = await fake.interact(autocomplete("figure", "topic", "rahm"));
    expect((body.data.choices ?? []).length).toBeGreaterThan(0);
    for (const c of body.data.choices ?? []) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it("offers command names for help and nothing for a free-text option", async () => {
    const help = await fake.interact(autocomplete("help", "command", "fi"));
    expect(help.data.choices).toEqual([{ name: "figure", value: "figure" }]);
    const search = await fake.interact(autocomplete("search", "words", "taj"));
    expect(search.data.choices).toEqual([]);
  });
});

describe("buttons", () => {
  it("Show quotes replaces the ephemeral answer with one showing the quotes", async () => {
    const answer = await fake.interact(chatInput("figure", { topic: "crocus death toll" }));
    const quotesId = customIds(answer)[0] as string;
    const body = await fake.interact(buttonPress(quotesId, answer.data.embeds));
    expect(body.type).toBe(7);
    const reply = await replyTo("figure crocus death toll");
    const text = visibleText(asMessage(body));
    for (const c of reply.citations)
      expect(text).toContain(c.quote.replace(/\s+/g, " ").slice(0, 40));
    expect(customIds(body)).toEqual(["fd1:sharequotes:figure crocus death toll"]);
    expect(limitViolations(asMessage(body))).toEqual([]);
  });

  it("Share answers again and posts the answer visibly as 'Shared by' the member, pinging nobody", async () => {
    const answer = await fake.interact(chatInput("attack", { query: "crocus" }));
    const body = await fake.interact(buttonPress("fd1:share:attack crocus"));
    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.content).toBe(`Shared by Desk @\u200Beveryone`);
    expect(body.data.embeds).toEqual(answer.data.embeds);
    expect(body.data.components).toEqual([]);
  });

  it("keeps an error from a Share with the member who pressed it", async () => {
    const body = await fake.interact(buttonPress("fd1:share:actor"));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
  });

  it("Share from an older button copies the message it is on, as 'Shared by' the member", async () => {
    const answer = await fake.interact(chatInput("attack", { query: "crocus" }));
    const body = await fake.interact(buttonPress("fd1:share", answer.data.embeds));
    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.content).toBe(`Shared by Desk @\u200Beveryone`);
    expect(MEMBER.nick).toBe("Desk @everyone");
    expect(body.data.embeds).toEqual(answer.data.embeds);
    expect(body.data.components).toEqual([]);
  });

  it("refuses a button from an older format politely", async () => {
    const body = await fake.interact(buttonPress("fd0:something"));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(visibleText(asMessage(body))).toMatch(/older Factdesk/);
  });
});

describe("failures", () => {
  it("logs a refused reply and apologises to the user instead of going silent", async () => {
    const payload = chatInput("help");
    fake.server.once("POST", fake.callbackPath(payload), {
      status: 400,
      body: { code: 50035, message: "Invalid Form Body" },
    });
    fake.deliver(payload);
    const apology = json<CallbackBody>(
      await fake.server.waitFor("POST", fake.callbackPath(payload), 2),
    );
    expect(apology.data.flags).toBe(MessageFlags.Ephemeral);
    expect(apology.data.embeds?.[0]?.title).toBe("Something went wrong");
    expect(fake.problems.join()).toContain("discord interaction failed");
    fake.problems.length = 0;
  });
});

describe("startDiscord", () => {
  it("logs in through the configured REST base and gives up cleanly on a refused token", async () => {
    fake.server.route("GET", apiPath("/gateway/bot"), {
      status: 401,
      body: { code: 0, message: "401: Unauthorized" },
    });
    const start = startDiscord({
      config: { token: "bad", applicationId: APPLICATION_ID, apiUrl: fake.apiUrl },
      responder: testResponder(snapshot),
      log: pino({ level: "silent" }),
    });
    await expect(start).rejects.toThrow(/401.*check DISCORD_TOKEN/);
    expect((await fake.server.waitFor("GET", apiPath("/gateway/bot"))).headers.authorization).toBe(
      "Bot bad",
    );
  });
});

describe("slow answers", () => {
  it("defers, then edits the reply in, when the message is not ready in time", async () => {
    const client = createClient({ apiUrl: fake.apiUrl });
    const payload = chatInput("help");
    const edit = apiPath(`/webhooks/${APPLICATION_ID}/${payload.token}/messages/%40original`);
    fake.server.route("PATCH", edit, {
      status: 200,
      body: { ...buttonPress("x").message, id: "1" },
    });
    fake.server.route("POST", fake.callbackPath(payload), { status: 204, body: "" });
    const seen = new Promise<DjsInteraction>((resolve) =>
      client.once(Events.InteractionCreate, resolve),
    );
    dispatchInteraction(client, payload);
    const interaction = await seen;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input interaction");

    let release: (m: DiscordMessage) => void = () => {};
    const slow = new Promise<DiscordMessage>((resolve) => {
      release = resolve;
    });
    const done = replyOrDefer(interaction, slow, "ephemeral", 1);
    const deferred = json<CallbackBody>(
      await fake.server.waitFor("POST", fake.callbackPath(payload)),
    );
    expect(deferred).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    release(render(await replyTo("help")));
    await done;
    const edited = json<CallbackBody["data"]>(await fake.server.waitFor("PATCH", edit));
    expect(edited.embeds?.[0]?.title).toMatch(/Factdesk/);
    expect(edited.allowed_mentions).toEqual({ parse: [] });
    await client.destroy();
  });
});

describe("registration", () => {
  it("PUTs the handler's definitions to one guild in development", async () => {
    const route = apiPath(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    fake.server.route("PUT", route, { status: 200, body: [] });
    const rest = createRest({ apiUrl: fake.apiUrl, token: TOKEN });
    const result = await registerCommands(rest, {
      applicationId: APPLICATION_ID,
      guildId: GUILD_ID,
    });
    const request = await fake.server.waitFor("PUT", route);
    expect(result.scope).toBe("guild");
    expect(json(request)).toEqual(commandDefinitions());
    expect(request.headers.authorization).toBe(`Bot ${TOKEN}`);
  });

  it("PUTs globally without a guild id", async () => {
    const route = apiPath(`/applications/${APPLICATION_ID}/commands`);
    fake.server.route("PUT", route, { status: 200, body: [] });
    const rest = createRest({ apiUrl: fake.apiUrl, token: TOKEN });
    expect((await registerCommands(rest, { applicationId: APPLICATION_ID })).scope).toBe("global");
    expect(json(await fake.server.waitFor("PUT", route))).toEqual(commandDefinitions());
  });

  it("runs as npm run discord:register (the CLI) against the configured API", async () => {
    const route = apiPath(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    fake.server.route("PUT", route, { status: 200, body: [] });
    const before = fake.server.requestsTo("PUT", route).length;
    const { stdout } = await run(TSX, [REGISTER_CLI], {
      env: {
        ...process.env,
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_API_URL: fake.apiUrl,
      },
    });
    expect(stdout).toContain(
      `Registered /factdesk with ${commands.length} subcommands in guild ${GUILD_ID}`,
    );
    const request = await fake.server.waitFor("PUT", route, before + 1);
    expect(json(request)).toEqual(commandDefinitions());
  });

  it("CLI names missing configuration and exits 1", async () => {
    const env = { PATH: process.env.PATH ?? "" };
    await expect(run(TSX, [REGISTER_CLI], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("DISCORD_TOKEN is missing"),
    });
  });

  it("registers one /factdesk with a subcommand per registry command, autocomplete where named", () => {
    const [root, ...others] = commandDefinitions();
    expect(others).toEqual([]);
    expect(root?.name).toBe("factdesk");
    const all = root?.options ?? [];
    expect(all.map((s) => s.name)).toEqual(commands.map((c) => c.name));
    const group = all.find((s) => s.type === ApplicationCommandOptionType.SubcommandGroup);
    expect(group && "options" in group ? group.options?.map((o) => o.name) : []).toEqual([
      "subscribe",
      "unsubscribe",
      "list",
      "status",
      "preview",
    ]);
    const subs = all.filter((s) => s.type === ApplicationCommandOptionType.Subcommand);
    for (const [i, sub] of subs.entries()) {
      const command = commands[i];
      expect(sub.description.length).toBeLessThanOrEqual(100);
      const options = "options" in sub ? (sub.options ?? []) : [];
      expect(options.map((o) => o.name)).toEqual(command?.options.map((o) => o.name));
      for (const o of options) {
        const wanted = command?.options.find((c) => c.name === o.name);
        expect(o.required).toBe(wanted?.required);
        expect("autocomplete" in o && o.autocomplete === true).toBe(wanted?.complete !== undefined);
      }
    }
  });
});

describe("posting to a channel", () => {
  const rest = () => createRest({ apiUrl: fake.apiUrl, token: TOKEN });
  const message = async () => render(await replyTo("help"));

  it("waits out a 429 and succeeds on the retry", async () => {
    fake.server.route("POST", MESSAGES, sentMessage);
    const before = fake.server.requestsTo("POST", MESSAGES).length;
    fake.server.once("POST", MESSAGES, {
      status: 429,
      headers: { "retry-after": "0.05" },
      body: { message: "You are being rate limited.", retry_after: 0.05, global: false },
    });
    const result = await postMessage(rest(), CHANNEL_ID, await message());
    expect(result.ok).toBe(true);
    expect(fake.server.requestsTo("POST", MESSAGES).length - before).toBe(2);
  });

  it("fails fast, as transient with the wait, when a rate limit outlasts the longest wait", async () => {
    fake.server.route("POST", MESSAGES, sentMessage);
    const before = fake.server.requestsTo("POST", MESSAGES).length;
    fake.server.once("POST", MESSAGES, {
      status: 429,
      headers: { "retry-after": "60" },
      body: { message: "You are being rate limited.", retry_after: 60, global: false },
    });
    const result = await postMessage(rest(), CHANNEL_ID, await message());
    expect(result).toMatchObject({
      ok: false,
      error: { code: "post.rate_limited", permanent: false },
    });
    expect(result.ok ? 0 : result.error.retryAfterMs).toBeGreaterThanOrEqual(60_000);
    expect(fake.server.requestsTo("POST", MESSAGES).length - before).toBe(1);
  });

  it.each([
    [404, 10003, "post.channel_not_found"],
    [403, 50001, "post.missing_permission"],
    [403, 50013, "post.missing_permission"],
    [403, 40001, "post.missing_permission"],
    [401, 0, "post.auth"],
    [400, 50035, "post.invalid_message"],
  ])("reports %i (code %i) as permanent %s", async (status, code, expected) => {
    fake.server.route("POST", MESSAGES, sentMessage);
    fake.server.once("POST", MESSAGES, { status, body: { code, message: "nope" } });
    expect(await postMessage(rest(), CHANNEL_ID, await message())).toMatchObject({
      ok: false,
      error: { code: expected, permanent: true, detail: code ? String(code) : `http_${status}` },
    });
  });

  it("reports 5xx after discord.js's own retries as transient", async () => {
    fake.server.route("POST", MESSAGES, { status: 503, body: "unavailable" });
    const before = fake.server.requestsTo("POST", MESSAGES).length;
    const result = await postMessage(rest(), CHANNEL_ID, await message());
    expect(result).toMatchObject({
      ok: false,
      error: { code: "post.server_error", permanent: false, detail: "http_503" },
    });
    expect(fake.server.requestsTo("POST", MESSAGES).length - before).toBe(4);
    fake.server.route("POST", MESSAGES, sentMessage);
  });

  it("reports an unreachable API as transient", async () => {
    const gone = new REST({ api: "http://127.0.0.1:9/api", retries: 0 }).setToken(TOKEN);
    expect(await postMessage(gone, CHANNEL_ID, await message())).toMatchObject({
      ok: false,
      error: { code: "post.network", permanent: false },
    });
  });

  it("sends a hashed idempotency key as an enforced nonce, and no nonce without one", async () => {
    fake.server.route("POST", MESSAGES, sentMessage);
    await postMessage(rest(), CHANNEL_ID, await message(), {
      idempotencyKey: "digest:2024-03-25:C1",
    });
    await postMessage(rest(), CHANNEL_ID, await message());
    const [keyed, plain] = fake.server
      .requestsTo("POST", MESSAGES)
      .slice(-2)
      .map((r) => json<Record<string, unknown>>(r));
    expect(keyed?.nonce).toBe(nonceFor("digest:2024-03-25:C1"));
    expect(String(keyed?.nonce).length).toBeLessThanOrEqual(25);
    expect(keyed?.enforce_nonce).toBe(true);
    expect(keyed?.allowed_mentions).toEqual({ parse: [] });
    expect(plain).not.toHaveProperty("nonce");
    expect(nonceFor("digest:2024-03-25:C1")).not.toBe(nonceFor("digest:2024-03-26:C1"));
  });
});

adapterContract("discord", async (): Promise<AdapterHarness<DiscordMessage>> => {
  let failure: "permanent" | "transient" | null = null;
  fake.server.route("POST", MESSAGES, () => {
    if (failure === "permanent")
      return { status: 404, body: { code: 10003, message: "Unknown Channel" } };
    if (failure === "transient") return { status: 502, body: "bad gateway" };
    return sentMessage();
  });
  const adapter = discordAdapter(createRest({ apiUrl: fake.apiUrl, token: TOKEN }));
  const channel: ChannelRef = { platform: "discord", workspaceId: GUILD_ID, channelId: CHANNEL_ID };
  return {
    adapter: {
      ...adapter,
      // A failure lasts one logical post, through all of discord.js's retries.
      post: async (...args) => {
        try {
          return await adapter.post(...args);
        } finally {
          failure = null;
        }
      },
    },
    channel,
    visibleText,
    limitViolations,
    citations: citationsShown,
    asShown,
    mentions: mentionsIn,
    postedBodies: () => fake.server.requestsTo("POST", MESSAGES).map((r) => json(r)),
    failNextPost(kind) {
      failure = kind;
    },
  };
});
