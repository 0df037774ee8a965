import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { parseArgs } from "node:util";
import { type LocalAuditRecorder, localAuditRecorder } from "./audit/local.ts";
import { endQuietlyOnClosedPipe } from "./cli/closed-pipe.ts";
import { openCorpus, responderFor } from "./compose.ts";
import { loadDotEnv } from "./config.ts";
import { followCorpus } from "./corpus/follow.ts";
import { log } from "./log.ts";
import { readSettings } from "./settings.ts";
import { guardProcess, onShutdown } from "./shutdown.ts";

const USAGE = `Usage:
  npm start                                Slack and/or Discord when their credentials are set, else an interactive shell
  npm start -- bot                         Slack and/or Discord, failing when no credentials are set (Docker)
  npm start -s -- ask "<command>"          answer once in plain text
  npm start -s -- ask --json "<command>"   answer once as one JSON document
  npm start -s -- ask --json < file        one JSON document per input line`;

// The shell's and ask's audit trail, flushed before any exit, even a reader closing early.
let local: LocalAuditRecorder | null = null;
// A reader that closes early (`ask … | head -1`) is not an error: stop writing and end quietly.
endQuietlyOnClosedPipe(async () => local?.close());

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (err) {
    // parseArgs names the option in its first line; the rest is advice meant for developers.
    const first = (err as Error).message.split(/\.\s/)[0];
    console.error(`factdesk: ${first}. See --help.`);
    process.exit(2);
  }
}
const { values, positionals } = parseCommandLine();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.version) {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  console.log(`factdesk ${pkg.version}`);
  process.exit(0);
}

loadDotEnv();

const read = readSettings(process.env);
if (!read.ok) {
  console.error(read.error.message);
  process.exit(1);
}
const settings = read.value;
log.level = settings.app.LOG_LEVEL;

const opened = await openCorpus(settings, log);
if (!opened.ok) {
  console.error(opened.error);
  process.exit(1);
}
const { holder, store, history } = opened.value;
// Every long-running mode follows the store; a one-shot ask answers from what it opened.
// The bot's metrics count each swap once they are up.
let swapped: () => void = () => {};
const follower =
  positionals[0] === "ask" ? null : followCorpus({ store, holder, log, onSwap: () => swapped() });
const closeCorpus = async () => {
  follower?.stop();
  await store.close();
};
const wantsPlatforms = settings.slack !== null || settings.discord !== null;
// The shell and ask post nowhere, so they need no Redis; digest preview works without it. Their
// answers are recorded like the bot's, as platform shell or cli and the OS user.
const offline = (platform: "shell" | "cli") => {
  const trail = localAuditRecorder(platform, settings, log);
  local = trail;
  const responder = responderFor(
    holder,
    settings,
    {
      unavailable:
        "digests post to Slack or Discord channels, not to the shell; digest preview works here",
    },
    log,
    history,
    trail.answered,
  );
  return { responder, trail };
};

const [mode, ...words] = positionals;
if (mode === "ask") {
  // Loaded per mode: `ask` and the shell start without the platform SDKs.
  const { ask } = await import("./cli/ask.ts");
  const text = words.length > 0 ? words.join(" ") : values.json ? null : "";
  const { responder, trail } = offline("cli");
  process.exitCode = await ask(responder, text, values.json, {
    input: process.stdin,
    output: process.stdout,
  });
  await Promise.all([store.close(), trail.close()]);
} else if (mode !== undefined && mode !== "bot") {
  console.error(`Unknown mode "${mode}".\n${USAGE}`);
  process.exitCode = 2;
  await closeCorpus();
} else if (!wantsPlatforms) {
  if (mode === "bot") {
    console.error(
      "No Slack or Discord credentials are set, so there is nothing to run. See .env.example.",
    );
    process.exit(1);
  }
  const { runShell } = await import("./adapters/shell/shell.ts");
  const { historyFile } = await import("./adapters/shell/history.ts");
  const { responder, trail } = offline("shell");
  await runShell(responder, holder.current(), process.stdin, process.stdout, {
    historyFile: historyFile(process.env, homedir()),
  });
  await Promise.all([closeCorpus(), trail.close()]);
} else {
  guardProcess(log);
  try {
    const [{ startBot }, { startOps }] = await Promise.all([
      import("./bot.ts"),
      import("./health/ops.ts"),
    ]);
    const ops = await startOps("bot", settings, log);
    swapped = () => ops.metrics.corpusReloaded();
    ops.watchCorpus(store, holder, () => follower?.status().behind?.reason ?? null);
    await ops.serve();
    const stopBot = await startBot(settings, holder, log, history, ops);
    ops.started();
    onShutdown(async () => {
      await stopBot();
      await ops.close();
      await closeCorpus();
    }, log);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
