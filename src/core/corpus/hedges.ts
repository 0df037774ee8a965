import { foldText } from "../text/normalize.ts";
import type { CorpusProblem } from "./problem.ts";
import type { Actor, Attack, Citation, Hedge, Relation } from "./schema.ts";

/** A statement the check reads: its own wording and the quotes it rests on. */
interface Statement {
  file: string;
  record: string;
  path: string;
  wording: string;
  citations: readonly Citation[];
}

const has = (folded: string, phrase: string) => folded.includes(` ${phrase} `);
const fold = (text: string) => ` ${foldText(text)} `;

/**
 * What a hedge-carrying statement reads as: a fact's text, a relation's note, an attributed
 * perpetrator's note. A perpetrator entry that is suspected, alleged, claimed, not claimed or
 * denied carries its hedge in its status, so only "attributed" ones are read.
 */
function statements(
  actors: readonly Actor[],
  relations: readonly Relation[],
  attacks: readonly Attack[],
): Statement[] {
  const facts = (file: string, r: Actor | Attack) =>
    r.facts.map((f, i) => ({
      file,
      record: r.id,
      path: `facts.${i}.text`,
      wording: f.text,
      citations: f.citations,
    }));
  return [
    ...actors.flatMap((a) => facts("actors.json", a)),
    ...relations.map((r, i) => ({
      file: "relations.json",
      record: `#${i} (${r.id})`,
      path: "note",
      wording: r.note ?? "",
      citations: r.citations,
    })),
    ...attacks.flatMap((a) => [
      ...a.perpetrators.flatMap((p, i) =>
        p.status === "attributed"
          ? [
              {
                file: "attacks.json",
                record: a.id,
                path: `perpetrators.${i}.note`,
                wording: p.note ?? "",
                citations: p.citations,
              },
            ]
          : [],
      ),
      ...facts("attacks.json", a),
    ]),
  ];
}

/**
 * A hedge in a quote ("said to be linked", "It does seem that", "So far") must survive into the
 * wording of the statement that cites it, so a claim is never shown as a fact.
 */
export function hedgesDropped(
  hedges: readonly Hedge[],
  actors: readonly Actor[],
  relations: readonly Relation[],
  attacks: readonly Attack[],
): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  for (const s of statements(actors, relations, attacks)) {
    const wording = fold(s.wording);
    const quotes = s.citations.map((c) => fold(c.quote));
    for (const hedge of hedges) {
      const word = hedge.words.find((w) => quotes.some((q) => has(q, w)));
      if (word === undefined || hedge.carriedBy.some((w) => has(wording, w))) continue;
      problems.push({
        code: "corpus.hedge_dropped",
        file: s.file,
        record: s.record,
        path: s.path,
        message: `a quote says "${word}" (${hedge.means}) but the wording drops it: keep one of ${hedge.carriedBy.map((w) => `"${w}"`).join(", ")}`,
      });
    }
  }
  return problems;
}
