import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../../src/adapters/discord/client.ts";
import { listenForInteractions } from "../../../src/adapters/discord/interactions.ts";
import { auditRecorder } from "../../../src/audit/recorder.ts";
import { memoryAuditLog } from "../../../src/ports/audit-log.ts";
import { bundledSnapshot } from "../../support/corpus.ts";
import { buttonPress, CHANNEL_ID, GUILD_ID } from "../../support/discord-payloads.ts";
import { apiPath, dispatchInteraction } from "../../support/fake-discord.ts";
import { type RecordingServer, startRecordingServer } from "../../support/recording-server.ts";
import { watchedResponder } from "../../support/responder.ts";

const quiet = pino({ level: "silent" });

// A Discord share is asked again as a share, so the audit trail records it as one, like Slack's.
describe("Discord shares in the audit trail", () => {
  let server: RecordingServer;
  let client: ReturnType<typeof createClient>;
  const audit = memoryAuditLog();
  const recorder = auditRecorder({
    audit,
    process: "bot@test:1",
    keepText: true,
    secrets: [],
    log: quiet,
  });

  beforeAll(async () => {
    const snapshot = await bundledSnapshot();
    server = await startRecordingServer();
    client = createClient({ apiUrl: `${server.url}/api` });
    const responder = watchedResponder({ current: () => snapshot }, recorder.answered);
    listenForInteractions(client, { responder, log: quiet });
  });
  afterAll(async () => {
    await client.destroy();
    await server.close();
  });

  it("records a press of Share as a share of the command text, in the channel it was pressed in", async () => {
    const press = buttonPress("fd1:share:actor iskp");
    const callback = apiPath(`/interactions/${press.id}/${press.token}/callback`);
    server.route("POST", callback, { status: 204, body: "" });
    dispatchInteraction(client, press);
    await server.waitFor("POST", callback);
    await recorder.flush();
    const entries = await audit.query({ since: new Date(0) });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "share",
      platform: "discord",
      workspace: GUILD_ID,
      channel: CHANNEL_ID,
      text: "actor iskp",
      code: "ok",
    });
  });
});
