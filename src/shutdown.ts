import type { Logger } from "./log.ts";

/**
 * On SIGTERM or SIGINT, runs `stop` once and exits; a second signal exits at once, for when a
 * stop hangs and someone is waiting at the terminal.
 */
export function onShutdown(stop: () => Promise<void>, log: Logger): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "shutting down");
    stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err: (err as Error).message }, "shutdown failed");
        process.exit(1);
      });
  };
  process.once("SIGTERM", handle);
  process.on("SIGINT", handle);
}

/**
 * A long-running process serves on after a stray rejection or exception: one bad request or
 * callback must not take the bot down for everyone. Logged at error level so it gets fixed.
 */
export function guardProcess(log: Logger): void {
  process.on("unhandledRejection", (reason: unknown) => {
    log.error({ err: errorText(reason) }, "unhandled rejection; serving on");
  });
  process.on("uncaughtException", (err: Error) => {
    log.error({ err: errorText(err) }, "uncaught exception; serving on");
  });
}

function errorText(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
}
