import { performance } from "node:perf_hooks";
import { openDataDir } from "../src/corpus/open.ts";
import { releaseGarbage } from "../src/garbage.ts";

// Run in a fresh process so the time and memory are those of a real start-up.
const [dir, cache, checked] = process.argv.slice(2);
const start = performance.now();
const result = await openDataDir(
  dir as string,
  cache === "none" ? null : cache,
  checked === "checked",
);
const elapsed = performance.now() - start;
if (!result.ok) {
  console.error(JSON.stringify(result.error.slice(0, 3)));
  process.exit(1);
}
// As a serving process leaves itself once its version is open (src/compose.ts).
releaseGarbage();
await new Promise((resolve) => setTimeout(resolve, 200));
console.log(
  JSON.stringify({ ms: elapsed, rssMB: process.memoryUsage().rss / 2 ** 20, passages: 0 }),
);
