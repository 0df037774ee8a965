import { performance } from "node:perf_hooks";
import MiniSearch from "minisearch";
import type { Corpus } from "../src/core/corpus/types.ts";
import { indexesOf } from "../src/core/indexes.ts";
import { measure, ms, row } from "./stats.ts";

/** The same passages and queries through MiniSearch with its defaults, to justify our own index. */
export function compareMiniSearch(corpus: Corpus, queries: readonly string[]): void {
  const { passages } = indexesOf(corpus).search;
  const start = performance.now();
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ["text"] });
  mini.addAll(
    passages.map((p, id) => ({
      id,
      text: (corpus.articles[p.article]?.text ?? "").slice(p.start, p.end),
    })),
  );
  console.log(
    `  MiniSearch build over ${passages.length} passages   ${ms(performance.now() - start)}`,
  );
  console.log(
    row(
      "MiniSearch search (top 5)",
      measure(queries, (q) => mini.search(q).slice(0, 5), 300, 20),
    ),
  );
}
