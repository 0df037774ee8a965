// `npm start`: builds dist/ when it is missing or stale, then runs the compiled bot in this same
// process, so there is no second Node start-up.
import module from "node:module";
import { build, isStale } from "./build.mjs";

if (isStale()) {
  console.error("factdesk: compiling src/ to dist/ …");
  const status = build();
  if (status !== 0) process.exit(status);
}
// Node 22.1+ caches compiled code between runs; older Node starts without it.
module.enableCompileCache?.();
await import("../dist/main.js");
