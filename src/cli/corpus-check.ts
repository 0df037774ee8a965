import { loadCorpus } from "../corpus/files.ts";
import { corpusFailureMessage } from "./corpus-failure.ts";

const result = await loadCorpus(process.argv[2]);
if (!result.ok) {
  console.error(corpusFailureMessage(result.problems));
  process.exit(1);
}
const { stats, corpus } = result;
console.log(`corpus ${corpus.version}: OK`);
for (const [name, count] of Object.entries(stats)) {
  console.log(`  ${name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).padEnd(24)} ${count}`);
}
