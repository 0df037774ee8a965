import { performance } from "node:perf_hooks";
import MiniSearch from "minisearch";
import type { CorpusSnapshot } from "../src/core/snapshot.ts";
import { measure, ms, row } from "./stats.ts";

/** The same passages and queries through MiniSearch with its defaults, to justify our own index. */
export async function compareMiniSearch(
  snapshot: CorpusSnapshot,
  queries: readonly string[],
): Promise<void> {
  const { passages } = snapshot.search;
  const { corpus } = snapshot;
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
      await measure(queries, (q) => mini.search(q).slice(0, 5), 300, 20),
    ),
  );
}
