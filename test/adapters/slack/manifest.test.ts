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
  "users.info": ["users:read"],
  "conversations.history": ["channels:history", "groups:history"],
};

/** Every Web API method the Slack adapter's code calls, read from its source. */
async function calledMethods(): Promise<string[]> {
  const dir = new URL("../../../src/adapters/slack/", import.meta.url);
  const sources = await Promise.all(
    (await readdir(dir)).map((f) => readFile(new URL(f, dir), "utf8")),
  );
  const called = sources.flatMap((src) =>
    [...src.matchAll(/client\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`),
  );
  return [...new Set(called)].sort();
}

/** What the manifest lacks for the code to work; empty when it has everything. */
function manifestProblems(m: Manifest, methods: readonly string[], command: string): string[] {
  const problems: string[] = [];
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
    expect(methods.length).toBeGreaterThan(0);
    expect(manifestProblems(manifest, methods, command)).toEqual([]);
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
  });
});
