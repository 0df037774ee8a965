import { render } from "../src/adapters/shell/render.ts";
import type { Responder } from "../src/commands/responder.ts";
import type { CorpusSnapshot } from "../src/core/snapshot.ts";
import { BENCH_CALLER } from "./responder.ts";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * How long default and full answers are over every actor, attack and figure: the shell's lines
 * before its sources, and the citations, as p50 and max.
 */
export async function answerLengths(snapshot: CorpusSnapshot, responder: Responder) {
  const { corpus } = snapshot;
  const kinds: Array<[string, string[]]> = [
    ["actor", corpus.actors.map((a) => `actor ${a.id}`)],
    ["attack", corpus.attacks.map((a) => `attack ${a.id}`)],
    ["figure", corpus.figures.map((f) => `figure ${f.id}`)],
  ];
  const rows: string[] = [];
  for (const [kind, queries] of kinds) {
    for (const prefix of ["", "more "]) {
      const lines: number[] = [];
      const cites: number[] = [];
      for (const q of queries) {
        const { reply } = await responder.answer({
          caller: BENCH_CALLER,
          input: { text: prefix + q },
        });
        const text = render(reply, { showQuotes: false });
        const sources = text.indexOf("\n*Sources*");
        lines.push((sources < 0 ? text : text.slice(0, sources)).split("\n").length);
        cites.push(reply.citations.length);
      }
      rows.push(
        `  ${`${kind} (${prefix ? "full" : "default"}, ${queries.length})`.padEnd(24)} lines p50 ${median(lines)} max ${Math.max(...lines)}, citations p50 ${median(cites)} max ${Math.max(...cites)}`,
      );
    }
  }
  return rows;
}
