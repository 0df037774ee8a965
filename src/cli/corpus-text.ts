import { cleanText } from "../core/corpus/clean.ts";
import { ArticlesFile } from "../core/corpus/schema.ts";
import { readCorpusFiles } from "../corpus/files.ts";
import { endQuietlyOnClosedPipe } from "./closed-pipe.ts";

endQuietlyOnClosedPipe();

// Prints an article's cleaned body (raw text minus its recorded removals): the text quotes must
// occur in, for curators to quote from.
const [id, dir] = process.argv.slice(2);
const files = await readCorpusFiles(dir);
const articles = ArticlesFile.parse(JSON.parse(files.json["articles.json"] ?? "[]"));
const article = articles.find((a) => a.id === id);
const raw = article ? files.texts[article.id] : null;
if (!article || !raw) {
  console.error(
    `Usage: npm run -s corpus:text -- <article id>\nArticle ids: ${articles.map((a) => a.id).join(", ")}`,
  );
  process.exit(1);
}
const cleaned = cleanText(raw, article.removals);
if (!cleaned.ok) {
  console.error(`removal ${cleaned.error.removal}: ${cleaned.error.message}`);
  process.exit(1);
}
process.stdout.write(cleaned.value);
