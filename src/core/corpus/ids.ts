import type { CorpusProblem } from "./problem.ts";
import type { Actor, Attack, Event, FigureGroup, Relation } from "./schema.ts";

/** One stable id and where it sits, so a duplicate can be named at both places. */
export interface StatementIdAt {
  id: string;
  file: string;
  record: string;
  path: string;
}

/** Every fact, relation, perpetrator, figure value and event id, in file order. */
export function statementIds({
  actors,
  relations,
  attacks,
  figures,
  events,
}: {
  actors: readonly Actor[];
  relations: readonly Relation[];
  attacks: readonly Attack[];
  figures: readonly FigureGroup[];
  events: readonly Event[];
}): StatementIdAt[] {
  const facts = (file: string, r: Actor | Attack | Event) =>
    r.facts.map((f, i) => ({ id: f.id, file, record: r.id, path: `facts.${i}.id` }));
  return [
    ...actors.flatMap((a) => facts("actors.json", a)),
    ...relations.map((r, i) => ({ id: r.id, file: "relations.json", record: `#${i}`, path: "id" })),
    ...attacks.flatMap((a) => [
      ...a.perpetrators.map((p, i) => ({
        id: p.id,
        file: "attacks.json",
        record: a.id,
        path: `perpetrators.${i}.id`,
      })),
      ...facts("attacks.json", a),
    ]),
    ...figures.flatMap((g) =>
      g.values.map((v, i) => ({
        id: v.id,
        file: "figures.json",
        record: g.id,
        path: `values.${i}.id`,
      })),
    ),
    ...events.flatMap((e) => [
      { id: e.id, file: "events.json", record: e.id, path: "id" },
      ...facts("events.json", e),
    ]),
  ];
}

/** Ids must be unique across the corpus: a correction names one statement, never two. */
export function duplicateStatementIds(ids: readonly StatementIdAt[]): CorpusProblem[] {
  const first = new Map<string, StatementIdAt>();
  const problems: CorpusProblem[] = [];
  for (const at of ids) {
    const earlier = first.get(at.id);
    if (!earlier) {
      first.set(at.id, at);
      continue;
    }
    problems.push({
      code: "corpus.duplicate_id",
      file: at.file,
      record: at.record,
      path: at.path,
      message: `id "${at.id}" is already used in ${earlier.file}, record ${earlier.record}, at ${earlier.path}`,
    });
  }
  return problems;
}
