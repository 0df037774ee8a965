import { homedir } from "node:os";
import { parseArgs } from "node:util";
import { historyFile } from "./adapters/shell/history.ts";
import { runShell } from "./adapters/shell/shell.ts";
import { startBot } from "./bot.ts";
import { ask } from "./cli/ask.ts";
import { openCorpus, responderFor } from "./compose.ts";
import { loadDotEnv } from "./config.ts";
import { followCorpus } from "./corpus/follow.ts";
import { log } from "./log.ts";
import { readSettings } from "./settings.ts";
import { onShutdown } from "./shutdown.ts";

const USAGE = `Usage:
  npm start                                Slack and/or Discord when their credentials are set, else an interactive shell
  npm start -- bot                         Slack and/or Discord, failing when no credentials are set (Docker)
  npm start -s -- ask "<command>"          answer once in plain text
  npm start -s -- ask --json "<command>"   answer once as one JSON document
  npm start -s -- ask --json < file        one JSON document per input line`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(USAGE);
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
const follower = positionals[0] === "ask" ? null : followCorpus({ store, holder, log });
const closeCorpus = async () => {
  follower?.stop();
  await store.close();
};
const wantsPlatforms = settings.slack !== null || settings.discord !== null;
// The shell and ask post nowhere, so they need no Redis; digest preview works without it.
const offline = () =>
  responderFor(
    holder,
    settings,
    {
      unavailable:
        "digests post to Slack or Discord channels, not to the shell; digest preview works here",
    },
    log,
    history,
  );

const [mode, ...words] = positionals;
if (mode === "ask") {
  const text = words.length > 0 ? words.join(" ") : values.json ? null : "";
  process.exitCode = await ask(offline(), text, values.json, {
    input: process.stdin,
    output: process.stdout,
  });
  await store.close();
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
  await runShell(offline(), holder.current(), process.stdin, process.stdout, {
    historyFile: historyFile(process.env, homedir()),
  });
  await closeCorpus();
} else {
  try {
    const stopBot = await startBot(settings, holder, log, history);
    onShutdown(async () => {
      await stopBot();
      await closeCorpus();
    }, log);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
