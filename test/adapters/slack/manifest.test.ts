import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { parseSlackConfig } from "../../../src/adapters/slack/config.ts";

const Manifest = z.object({
  features: z.object({
    slash_commands: z.array(
      z.object({ command: z.string(), url: z.string(), should_escape: z.boolean() }),
    ),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string() }),
    socket_mode_enabled: z.boolean(),
  }),
});
type Manifest = z.infer<typeof Manifest>;

const text = await readFile(new URL("../../../slack-app-manifest.yml", import.meta.url), "utf8");
const manifest = Manifest.parse(parse(text));

/** Method → the bot scopes it needs, for the methods Factdesk may call. */
const SCOPES: Record<string, string[]> = {
  "chat.postMessage": ["chat:write", "chat:write.public"],
  "chat.delete": ["chat:write"],
  "users.info": ["users:read"],
  "conversations.history": ["channels:history", "groups:history"],
  "conversations.replies": ["channels:history", "groups:history"],
};

/** Event → the bot event it subscribes to and the scope it needs, for what Factdesk listens to. */
const EVENTS: Record<string, { event: string; scope: string }> = {
  app_mention: { event: "app_mention", scope: "app_mentions:read" },
  message: { event: "message.im", scope: "im:history" },
};

async function slackSources(): Promise<string[]> {
  const dir = new URL("../../../src/adapters/slack/", import.meta.url);
  return Promise.all((await readdir(dir)).map((f) => readFile(new URL(f, dir), "utf8")));
}

/** Every Web API method the Slack adapter's code calls, read from its source. */
async function calledMethods(): Promise<string[]> {
  const called = (await slackSources()).flatMap((src) =>
    [...src.matchAll(/client\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`),
  );
  return [...new Set(called)].sort();
}

/** Every event the Slack handlers listen to: app.event("…") and app.message(…). */
async function heardEvents(): Promise<string[]> {
  const heard = (await slackSources()).flatMap((src) => [
    ...[...src.matchAll(/app\.event\("(\w+)"/g)].map((m) => m[1] as string),
    ...(/app\.message\(/.test(src) ? ["message"] : []),
  ]);
  return [...new Set(heard)].sort();
}

/** What the manifest lacks for the code to work; empty when it has everything. */
function manifestProblems(
  m: Manifest,
  methods: readonly string[],
  command: string,
  events: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  const subscribed = new Set(m.settings.event_subscriptions.bot_events);
  for (const heard of events) {
    const needs = EVENTS[heard];
    if (!needs) problems.push(`unknown event ${heard}`);
    else {
      if (!subscribed.has(needs.event)) problems.push(`not subscribed to ${needs.event}`);
      if (!m.oauth_config.scopes.bot.includes(needs.scope))
        problems.push(`missing scope ${needs.scope}`);
    }
  }
  if (events.length > 0 && !m.settings.event_subscriptions.request_url.endsWith("/slack/events")) {
    problems.push("event URL is not Bolt's endpoint");
  }
  const slash = m.features.slash_commands.find((c) => c.command === command);
  if (!slash) problems.push(`no slash command ${command}`);
  else {
    if (slash.should_escape) problems.push("command text is escaped (Factdesk escapes it itself)");
    if (!slash.url.endsWith("/slack/events")) problems.push("command URL is not Bolt's endpoint");
  }
  const scopes = new Set(m.oauth_config.scopes.bot);
  const needed = ["commands", ...methods.flatMap((method) => SCOPES[method] ?? [])];
  for (const method of methods) if (!SCOPES[method]) problems.push(`unknown method ${method}`);
  for (const scope of needed) if (!scopes.has(scope)) problems.push(`missing scope ${scope}`);
  const { interactivity } = m.settings;
  if (!interactivity.is_enabled) problems.push("interactivity (buttons) is off");
  if (!interactivity.request_url.endsWith("/slack/events")) {
    problems.push("interactivity URL is not Bolt's endpoint");
  }
  return problems;
}

describe("slack app manifest", () => {
  const config = parseSlackConfig({ SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s" });
  if (!config.ok) throw new Error(config.error.message);
  const command = config.value.command;

  it("has everything the code needs: the default command, unescaped, the scopes of every method called, buttons", async () => {
    const methods = await calledMethods();
    const events = await heardEvents();
    expect(methods.length).toBeGreaterThan(0);
    expect(events).toEqual(["app_mention", "message"]);
    expect(manifestProblems(manifest, methods, command, events)).toEqual([]);
  });

  it("runs in Socket Mode as written, so no public URL is needed to try it", () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it("the check finds a missing scope, an escaped or missing command, buttons off, an unknown method", async () => {
    const methods = await calledMethods();
    const broken = structuredClone(manifest);
    broken.oauth_config.scopes.bot = broken.oauth_config.scopes.bot.filter(
      (s) => s !== "users:read",
    );
    broken.settings.interactivity.is_enabled = false;
    (broken.features.slash_commands[0] as { should_escape: boolean }).should_escape = true;
    expect(manifestProblems(broken, methods, command)).toEqual(
      expect.arrayContaining([
        "missing scope users:read",
        "interactivity (buttons) is off",
        "command text is escaped (Factdesk escapes it itself)",
      ]),
    );
    expect(manifestProblems(manifest, methods, "/other")).toContain("no slash command /other");
    expect(manifestProblems(manifest, [...methods, "files.upload"], command)).toContain(
      "unknown method files.upload",
    );
    const deaf = structuredClone(manifest);
    deaf.settings.event_subscriptions.bot_events = ["app_mention"];
    deaf.oauth_config.scopes.bot = deaf.oauth_config.scopes.bot.filter((s) => s !== "im:history");
    expect(manifestProblems(deaf, methods, command, await heardEvents())).toEqual(
      expect.arrayContaining(["not subscribed to message.im", "missing scope im:history"]),
    );
  });
});
