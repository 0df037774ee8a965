import { readdir } from "node:fs/promises";
import { writeCorpusFiles } from "../corpus/files.ts";
import { PARENT_RECORD, writeParentRecord } from "../store/parent-record.ts";
import { endQuietlyOnClosedPipe } from "./closed-pipe.ts";
import { commandLine, describeVersion, seqArgument, withStore } from "./store-cli.ts";

endQuietlyOnClosedPipe();

// npm run corpus:export -- <version> <dir>: a published version as a data directory to edit.
const USAGE = "npm run corpus:export -- <version> <dir>";
const { positionals } = commandLine(USAGE, {}, 2);
const seq = seqArgument(positionals[0], USAGE);
const dir = positionals[1] as string;

const existing = await readdir(dir).catch(() => []);
if (existing.length > 0) {
  console.error(`${dir} is not empty; export into a new directory.`);
  process.exit(1);
}

await withStore(async (store) => {
  const version = await store.get(seq);
  if (!version.ok) {
    console.error(`Not exported: ${version.error.message}`);
    return 1;
  }
  await writeCorpusFiles(dir, version.value.content.files);
  await writeParentRecord(dir, version.value);
  console.log(
    `exported corpus ${describeVersion(version.value)} to ${dir} (${PARENT_RECORD} records it)`,
  );
  return 0;
});
