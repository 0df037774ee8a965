// Resident memory as the live set: one definition for every benchmark that prints it, the
// TypeScript ones under tsx and bench/swap-bot.mjs on dist/ alike. Plain JavaScript for that.

const MB = 2 ** 20;

/**
 * Runs `collect` (a full collection), then reads resident memory once the collector has stopped
 * handing pages back: it does so on its own threads, for a while after the collection returns.
 */
export async function settledRssMB(collect) {
  collect?.();
  let rss = process.memoryUsage.rss();
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = process.memoryUsage.rss();
    if (rss - now < MB) break;
    rss = now;
  }
  return process.memoryUsage.rss() / MB;
}
