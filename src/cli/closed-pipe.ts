/**
 * Every command line's answer to a reader that closes early (`npm run audit | head -1`): not an
 * error, so no stack trace; stop writing and end quietly with the exit status so far (0 unless
 * already set). `before` runs first, e.g. `ask` flushing its audit trail. Call it at start-up.
 */
export function endQuietlyOnClosedPipe(before?: () => Promise<unknown>): void {
  let ending = false;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    // Once the pipe is gone, later writes fail too (ERR_STREAM_DESTROYED): the same ending.
    if (ending) return;
    if (err.code !== "EPIPE") throw err;
    ending = true;
    void Promise.resolve()
      .then(before)
      .catch(() => {})
      .finally(() => process.exit(process.exitCode ?? 0));
  });
}
