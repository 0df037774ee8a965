import { endQuietlyOnClosedPipe } from "./closed-pipe.ts";
import { commandLine, describeVersion, withStore } from "./store-cli.ts";

endQuietlyOnClosedPipe();

// npm run corpus:log: every published version, newest first, with its note.
commandLine("npm run corpus:log", {}, 0);

await withStore(async (store) => {
  const log = await store.log();
  if (!log.ok) {
    console.error(log.error.message);
    return 1;
  }
  if (log.value.length === 0) console.log(`No version is published yet in ${store.name}.`);
  const newest = log.value.at(-1)?.seq;
  for (const version of log.value.toReversed()) {
    const mark = version.seq === newest ? "* " : "  ";
    const parent = version.parent === null ? "" : ` on v${version.parent}`;
    console.log(`${mark}${describeVersion(version)}${parent}\n    ${version.note}`);
  }
  return 0;
});
