import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord } from "../../src/adapters/discord/start.ts";
import { parseSlackConfig } from "../../src/adapters/slack/config.ts";
import { startSlack } from "../../src/adapters/slack/start.ts";
import { bundledSnapshot } from "../support/corpus.ts";
import { BOT_TOKEN, SIGNING_SECRET, silentLog } from "../support/fake-slack.ts";
import { testResponder } from "../support/responder.ts";

// A platform API that takes the connection and never answers, as a black-holed proxy does: the
// bot must say so, naming the platform and the variable to check, not retry for minutes.
let server: Server;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe("a platform unreachable at start-up", () => {
  it("Slack: says so within the bound, naming SLACK_API_URL and SLACK_BOT_TOKEN", async () => {
    const config = parseSlackConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: "0",
      SLACK_API_URL: `${url}/api/`,
    });
    if (!config.ok) throw new Error(config.error.message);
    const responder = testResponder(await bundledSnapshot(), null);
    await expect(
      startSlack({ config: config.value, responder, log: silentLog, reachWithinMs: 1000 }),
    ).rejects.toThrow(
      `Slack could not be reached within 1 s to check SLACK_BOT_TOKEN: check SLACK_API_URL (${url}/api/).`,
    );
  });

  it("Discord: says so within the bound, naming DISCORD_API_URL and DISCORD_TOKEN", async () => {
    const responder = testResponder(await bundledSnapshot(), null);
    await expect(
      startDiscord({
        config: { token: "t0k3n", applicationId: "900000000000000001", apiUrl: `${url}/api` },
        responder,
        log: silentLog,
        reachWithinMs: 1000,
      }),
    ).rejects.toThrow(
      `Discord could not be reached within 1 s to log in with DISCORD_TOKEN: check DISCORD_API_URL (${url}/api).`,
    );
  });
});
