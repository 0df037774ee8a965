// Compiles src/ to dist/ with tsc, and says whether dist/ is older than the sources. Plain
// JavaScript so it runs before anything is compiled; `npm start` calls it, so a checkout that
// has not been built (or was edited since) is built first.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SRC = join(ROOT, "src");
const STAMP = join(ROOT, "dist", ".built");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const CONFIGS = ["tsconfig.json", "tsconfig.build.json"].map((f) => join(ROOT, f));

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** True when dist/ is missing or a source or tsconfig changed after the last build. */
export function isStale() {
  if (!existsSync(SRC)) return false; // an image with dist/ only
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return newest(SRC) > built || CONFIGS.some((f) => existsSync(f) && statSync(f).mtimeMs > built);
}

/** Runs tsc; its output goes to stderr so stdout stays the answer's. Returns the exit status. */
export function build() {
  if (!existsSync(TSC)) {
    // `npm ci --omit=dev` runs prepare too: without the compiler there is nothing to do there.
    if (process.env.npm_lifecycle_event === "prepare") return 0;
    console.error("factdesk: dist/ needs building but TypeScript is not installed; run npm ci.");
    return 1;
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [TSC, "-p", join(ROOT, "tsconfig.build.json")], {
    stdio: ["ignore", 2, 2],
  });
  if (result.status !== 0) {
    console.error("factdesk: compiling src/ to dist/ failed (see above).");
    return result.status ?? 1;
  }
  writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = build();
