import { performance } from "node:perf_hooks";
import { openDataDir } from "../src/corpus/open.ts";
import { textsPacked } from "../src/corpus/packed-text.ts";
import { releaseGarbage } from "../src/garbage.ts";
import { settledRssMB } from "./settled-memory.mjs";

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
// As a serving process leaves itself once its version is open and its texts packed, which goes
// on while it answers (src/compose.ts).
await textsPacked();
const packedMs = performance.now() - start;
const rssMB = await settledRssMB(releaseGarbage);
console.log(JSON.stringify({ ms: elapsed, packedMs, rssMB }));
