import { corpusFailureMessage } from "../corpus/failure.ts";
import { readCorpusFiles } from "../corpus/files.ts";
import { prepareDraft } from "../store/draft.ts";
import { readParentRecord, writeParentRecord } from "../store/parent-record.ts";
import { endQuietlyOnClosedPipe } from "./closed-pipe.ts";
import { commandLine, describeVersion, publisher, withStore } from "./store-cli.ts";

endQuietlyOnClosedPipe();

// npm run corpus:publish -- <dir> --note "…" [--by who] [--force]
const USAGE = 'npm run corpus:publish -- <dir> --note "<what changed>" [--by <who>] [--force]';
const { values, positionals } = commandLine(
  USAGE,
  { note: { type: "string" }, by: { type: "string" }, force: { type: "boolean", default: false } },
  1,
);
const dir = positionals[0] as string;
if (!values.note?.trim()) {
  console.error(`Say what changed with --note.\nUsage: ${USAGE}`);
  process.exit(2);
}

// Checked before the store is opened: a corpus that fails publishes nothing.
const prepared = prepareDraft(await readCorpusFiles(dir));
if (!prepared.ok) {
  console.error(corpusFailureMessage(prepared.error));
  process.exit(1);
}
const parent = await readParentRecord(dir);
if (!parent.ok) {
  console.error(parent.error);
  process.exit(1);
}

await withStore(async (store) => {
  const published = await store.publish(prepared.value.draft, {
    parent: parent.value?.seq ?? "current",
    by: publisher(values.by),
    note: values.note?.trim() ?? "",
    force: values.force,
  });
  if (!published.ok) {
    console.error(`Not published: ${published.error.message}`);
    return 1;
  }
  const { status, version } = published.value;
  if (status === "unchanged") {
    console.log(`unchanged: the content is already corpus ${describeVersion(version)}`);
    return 0;
  }
  // The directory is now an edit of what it published, so publishing it again is not stale.
  if (parent.value) await writeParentRecord(dir, version);
  console.log(`published corpus ${describeVersion(version)}`);
  return 0;
});
