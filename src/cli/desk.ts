import { pino } from "pino";
import { appEnv, loadDotEnv } from "../config.ts";
import { deskEnv } from "../desk/env.ts";
import { buildDesk } from "../desk/server.ts";
import { startHealthServer } from "../health/server.ts";
import { createMetrics } from "../metrics.ts";
import { openCurrentVersion } from "../store/current.ts";
import { openDeskStore } from "../store/desk-open.ts";
import { openCorpusStore } from "../store/open-store.ts";

// npm run desk: the curation desk on DESK_PORT, against the corpus store CORPUS_STORE names.
loadDotEnv();
const app = appEnv(process.env);
const desk = deskEnv(process.env);
for (const env of [app, desk]) {
  if (!env.ok) {
    console.error(env.error.message);
    process.exit(1);
  }
}
if (!app.ok || !desk.ok) process.exit(1);

const logger = pino({ name: "factdesk-desk", level: app.value.LOG_LEVEL }, pino.destination(2));
const corpus = await openCorpusStore(app.value.CORPUS_STORE);
if (!corpus.ok) {
  console.error(corpus.error.message);
  process.exit(1);
}
// An empty store is seeded as the bot seeds it, so the first draft has something to start from.
const seeded = await openCurrentVersion(corpus.value, app.value.FACTDESK_DATA_DIR);
if (!seeded.ok) {
  console.error(seeded.error);
  process.exit(1);
}
const store = await openDeskStore(app.value.CORPUS_STORE);
if (!store.ok) {
  console.error(store.error.message);
  process.exit(1);
}
const server = await buildDesk({
  corpus: corpus.value,
  desk: store.value,
  logger,
  sessionHours: desk.value.DESK_SESSION_HOURS,
});
// The desk is ready while its store answers: it reads and publishes nothing without it.
const health =
  app.value.HEALTH_PORT === undefined
    ? null
    : await startHealthServer({
        port: app.value.HEALTH_PORT,
        checks: [
          {
            name: "corpus store",
            check: async () =>
              (await corpus.value.log().catch(() => ({ ok: false }))).ok
                ? null
                : "the corpus store did not answer",
          },
        ],
        registry: createMetrics("desk").registry,
        log: logger,
      });
const close = async () => {
  await health?.close();
  await server.close();
  await store.value.close();
  await corpus.value.close();
  process.exit(0);
};
process.once("SIGINT", () => void close());
process.once("SIGTERM", () => void close());
await server.listen({ port: desk.value.DESK_PORT, host: desk.value.DESK_HOST });
logger.info({ port: desk.value.DESK_PORT, store: corpus.value.name }, "desk listening");
