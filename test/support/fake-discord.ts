import type { APIActionRowComponent, APIButtonComponent, APIEmbed, Client } from "discord.js";
import { pino } from "pino";
import { createClient } from "../../src/adapters/discord/client.ts";
import { listenForInteractions } from "../../src/adapters/discord/interactions.ts";
import type { CorpusSnapshot } from "../../src/core/snapshot.ts";
import type { Logger } from "../../src/log.ts";
import type { DigestService } from "../../src/ports/digest-service.ts";
import {
  type RecordedRequest,
  type RecordingServer,
  startRecordingServer,
} from "./recording-server.ts";
import { testResponderOn } from "./responder.ts";

/** The REST base discord.js is pointed at; it appends /v10 and the route. */
const API_PREFIX = "/api/v10";

export interface Interaction {
  id: string;
  token: string;
}

/** A local stand-in for Discord's REST API and a real, never-logged-in discord.js client. */
export interface FakeDiscord {
  server: RecordingServer;
  client: Client;
  apiUrl: string;
  /** Warnings and errors the handler logged (JSON lines): a failure it swallowed shows here. */
  problems: string[];
  /** Feeds a raw payload through the same path as a gateway INTERACTION_CREATE dispatch. */
  deliver(payload: Interaction): void;
  /** Delivers the payload and resolves with the JSON body of its interaction callback. */
  interact(payload: Interaction): Promise<CallbackBody>;
  callbackPath(payload: Interaction): string;
  close(): Promise<void>;
}

export interface CallbackBody {
  type: number;
  data: Record<string, unknown> & {
    flags?: number;
    content?: string;
    embeds?: APIEmbed[];
    components?: APIActionRowComponent<APIButtonComponent>[];
    allowed_mentions?: { parse?: string[] };
    choices?: Array<{ name: string; value: string }>;
  };
}

/** discord.js's gateway handlers call this; it is private in the typings, so it is reached here. */
interface GatewayActions {
  actions: { InteractionCreate: { handle(data: unknown): void } };
}

/**
 * Feeds a raw payload to the client exactly as its gateway handler for INTERACTION_CREATE does
 * (discord.js/src/client/websocket/handlers/INTERACTION_CREATE.js), without a gateway.
 */
export function dispatchInteraction(client: Client, payload: Interaction): void {
  (client as unknown as GatewayActions).actions.InteractionCreate.handle(payload);
}

export function apiPath(route: string): string {
  return API_PREFIX + route;
}

export function json<T = unknown>(request: RecordedRequest): T {
  return JSON.parse(request.body) as T;
}

/** A logger that keeps warnings and errors, so a test can show nothing failed out of sight. */
function recordingLog(): { log: Logger; problems: string[] } {
  const problems: string[] = [];
  const log = pino({ level: "warn" }, { write: (line: string) => problems.push(line) });
  return { log, problems };
}

/**
 * A discord.js client wired to the handler, its REST base on a local recording server. Digest
 * commands go to `digests` when given, else they answer that digests are unavailable.
 */
export async function startFakeDiscord(
  /** The corpus answered from: one snapshot, or a holder the test swaps. */
  corpus: CorpusSnapshot | { current(): CorpusSnapshot },
  digests: DigestService | null = null,
): Promise<FakeDiscord> {
  const snapshots = "current" in corpus ? corpus : { current: () => corpus };
  const server = await startRecordingServer();
  const apiUrl = `${server.url}/api`;
  const client = createClient({ apiUrl });
  const { log, problems } = recordingLog();
  listenForInteractions(client, { responder: testResponderOn(snapshots, digests), log });
  const callbackPath = (p: Interaction) => apiPath(`/interactions/${p.id}/${p.token}/callback`);
  const deliver = (payload: Interaction) => {
    // Discord answers a callback with 204 and no body (so no JSON content type).
    server.route("POST", callbackPath(payload), { status: 204, body: "" });
    dispatchInteraction(client, payload);
  };
  return {
    server,
    client,
    problems,
    apiUrl,
    deliver,
    callbackPath,
    async interact(payload) {
      deliver(payload);
      return json<CallbackBody>(await server.waitFor("POST", callbackPath(payload)));
    },
    async close() {
      await client.destroy();
      await server.close();
    },
  };
}
