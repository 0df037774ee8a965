import { revertTo } from "../store/revert.ts";
import { endQuietlyOnClosedPipe } from "./closed-pipe.ts";
import { commandLine, describeVersion, publisher, seqArgument, withStore } from "./store-cli.ts";

endQuietlyOnClosedPipe();

// npm run corpus:revert -- <version> --note "…": an earlier version's content, published again.
const USAGE = 'npm run corpus:revert -- <version> --note "<why>" [--by <who>]';
const { values, positionals } = commandLine(
  USAGE,
  { note: { type: "string" }, by: { type: "string" } },
  1,
);
const seq = seqArgument(positionals[0], USAGE);
if (!values.note?.trim()) {
  console.error(`Say why with --note.\nUsage: ${USAGE}`);
  process.exit(2);
}

await withStore(async (store) => {
  const reverted = await revertTo(store, seq, {
    by: publisher(values.by),
    note: values.note?.trim() ?? "",
  });
  if (!reverted.ok) {
    console.error(`Not reverted: ${reverted.error.message}`);
    return 1;
  }
  const { status, version } = reverted.value;
  console.log(
    status === "unchanged"
      ? `unchanged: v${seq}'s content is already corpus ${describeVersion(version)}`
      : `published corpus ${describeVersion(version)} with v${seq}'s content`,
  );
  return 0;
});
