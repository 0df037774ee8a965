import type { AddressInfo } from "node:net";
import { App, webApi } from "@slack/bolt";
import type { Responder } from "../../commands/responder.ts";
import { REACH_WITHIN_MS, withinDeadline } from "../../deadline.ts";
import type { Logger } from "../../log.ts";
import type { RunningPlatform } from "../adapter.ts";
import type { SlackConfig } from "./config.ts";
import { registerHandlers } from "./handlers.ts";
import { boltLogger } from "./logger.ts";
import { canManageDigests } from "./permissions.ts";
import { postingClient, postMessage } from "./post.ts";
import { guardedReceiver } from "./receiver.ts";

export interface RunningSlack extends RunningPlatform {
  mode: SlackConfig["mode"];
  /** The port the HTTP receiver listens on; null in Socket Mode. */
  port: number | null;
}

/** Slack's error code, or a system error's code (EADDRINUSE), or else the message. */
function describeError(err: unknown): string {
  const e = err as { data?: { error?: string }; code?: string; syscall?: string; message?: string };
  return e.data?.error ?? (e.syscall ? e.code : undefined) ?? e.message ?? String(err);
}

/**
 * Starts the Slack app: Socket Mode when SLACK_APP_TOKEN is set, otherwise an HTTP receiver on
 * PORT that verifies every request's signature and refuses stale ones. Throws with a readable
 * message when Slack refuses the bot token or the receiver cannot start.
 */
export async function startSlack(deps: {
  config: SlackConfig;
  responder: Responder;
  log: Logger;
  /** How long to wait for Slack at start-up; REACH_WITHIN_MS unless a test says otherwise. */
  reachWithinMs?: number;
}): Promise<RunningSlack> {
  const { config } = deps;
  const log = deps.log.child({ adapter: "slack" });
  const logger = boltLogger(log);

  const app = new App({
    token: config.botToken,
    ...(config.mode === "socket"
      ? { socketMode: true, appToken: config.appToken }
      : { receiver: guardedReceiver({ signingSecret: config.signingSecret, logger }) }),
    logger,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      // Bounded, so a wrong SLACK_API_URL fails start-up in minutes rather than half an hour.
      retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
    },
    // No conversation state is used; skipping the store saves work on every request.
    convoStore: false,
    // init() below checks the token with auth.test and reports a refusal, instead of an
    // unhandled rejection from the constructor.
    deferInitialization: true,
  });
  app.error(async (err) => log.error({ err }, "bolt error"));

  const poster = postingClient(config.botToken, { apiUrl: config.apiUrl, logger });
  registerHandlers(app, {
    responder: deps.responder,
    canManage: (_teamId, userId) => canManageDigests(poster, config.digestManagers, userId, log),
    command: config.command,
    post: (channel, message, threadTs) => postMessage(poster, channel, message, { threadTs }),
    log,
  });

  const within = Math.round((deps.reachWithinMs ?? REACH_WITHIN_MS) / 1000);
  const where = config.apiUrl ? `SLACK_API_URL (${config.apiUrl})` : "the network to slack.com";
  try {
    await withinDeadline(
      app.init(),
      deps.reachWithinMs ?? REACH_WITHIN_MS,
      `Slack could not be reached within ${within} s to check SLACK_BOT_TOKEN: check ${where}.`,
    );
  } catch (err) {
    if ((err as Error).message.startsWith("Slack could not be reached within")) throw err;
    // A platform error is Slack's answer about the token; anything else means Slack was not reached.
    const refused = (err as { code?: string }).code === webApi.ErrorCode.PlatformError;
    const what = refused
      ? "refused SLACK_BOT_TOKEN"
      : "could not be reached to check SLACK_BOT_TOKEN";
    throw new Error(`Slack ${what} (${describeError(err)}).`);
  }
  let port: number | null = null;
  let connected = () => false;
  try {
    if (config.mode === "http") {
      const server = await app.start(config.port);
      port = (server.address() as AddressInfo).port;
      connected = () => server.listening;
    } else {
      await app.start();
      // Bolt keeps its receiver private; its Socket Mode client knows whether the socket is up.
      const { receiver } = app as unknown as {
        receiver: { client?: { websocket?: { isActive(): boolean } } };
      };
      connected = () => receiver.client?.websocket?.isActive() ?? false;
    }
  } catch (err) {
    const what =
      config.mode === "http"
        ? `could not listen on PORT ${config.port}`
        : "could not open a Socket Mode connection with SLACK_APP_TOKEN";
    throw new Error(`Slack ${what} (${describeError(err)}).`);
  }
  log.info({ mode: config.mode, port, command: config.command }, "slack adapter started");
  return {
    mode: config.mode,
    port,
    connected: () => connected(),
    stop: async () => {
      await app.stop();
    },
  };
}
