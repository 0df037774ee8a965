import { openAuditLog } from "../audit/open.ts";
import { describeEntry, parseSince } from "../audit/report.ts";
import { appEnv, loadDotEnv } from "../config.ts";
import { openCorpusStore } from "../store/open-store.ts";
import { endQuietlyOnClosedPipe } from "./closed-pipe.ts";
import { commandLine } from "./store-cli.ts";

endQuietlyOnClosedPipe();

// npm run audit -- --since 1d [--channel C…] [--user U…] [--json]: who was told what, from which
// corpus version, read from every process's trail in AUDIT_STORE.
const USAGE =
  "npm run -s audit -- --since <30m|12h|1d|2w|2026-12-01> [--channel <id>] [--user <id>] [--json]";
const { values } = commandLine(
  USAGE,
  {
    since: { type: "string", default: "1d" },
    channel: { type: "string" },
    user: { type: "string" },
    json: { type: "boolean", default: false },
  },
  0,
);
const since = parseSince(values.since, Date.now());
if (!since) {
  console.error(`--since "${values.since}" is not a span (1d, 12h) or a date.\nUsage: ${USAGE}`);
  process.exit(2);
}

loadDotEnv();
const env = appEnv(process.env);
if (!env.ok) {
  console.error(env.error.message);
  process.exit(1);
}
const opened = await openAuditLog(env.value.AUDIT_STORE, "audit-cli");
if (!opened.ok) {
  console.error(opened.error.message);
  process.exit(1);
}
const audit = opened.value;
const entries = await audit.query({ since, channel: values.channel, user: values.user });
await audit.close();

// Versions by their published number where the store knows them, else by hash.
const names = new Map<string, string>();
const store = await openCorpusStore(env.value.CORPUS_STORE);
if (store.ok) {
  const versions = await store.value.log();
  if (versions.ok) for (const v of versions.value) names.set(v.hash, `corpus v${v.seq}`);
  await store.value.close();
}
const versionName = (hash: string) => names.get(hash) ?? `corpus ${hash}`;

if (values.json) {
  for (const entry of entries) console.log(JSON.stringify(entry));
} else if (entries.length === 0) {
  console.log(`Nothing recorded since ${since.toISOString()} in ${audit.name}.`);
} else {
  for (const entry of entries) console.log(describeEntry(entry, versionName));
}
