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
