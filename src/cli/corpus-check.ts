import { validateCorpus } from "../core/corpus/validate.ts";
import { corpusFailureMessage } from "../corpus/failure.ts";
import { readCorpusFiles } from "../corpus/files.ts";
import { endQuietlyOnClosedPipe } from "./closed-pipe.ts";

// A reader that stops early (`| head`) is not a failure of the check.
endQuietlyOnClosedPipe();

const result = validateCorpus(await readCorpusFiles(process.argv[2]));
if (!result.ok) {
  console.error(corpusFailureMessage(result.error));
  process.exit(1);
}
const { stats, corpus } = result.value;
console.log(`corpus ${corpus.version}: OK`);
for (const [name, count] of Object.entries(stats)) {
  console.log(`  ${name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).padEnd(24)} ${count}`);
}
