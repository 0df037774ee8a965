import type { Actor } from "../corpus/schema.ts";
import type { DataOf } from "../reply/data-schema.ts";
import { whenOut } from "../reply/date-out.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { actorOut, factIds, figureRef, perpetratorOut, refOf, relationOut } from "./record-data.ts";

/** An actor as data: its names, relations, the attacks it is named in, its figures and facts. */
export function actorData(snapshot: CorpusSnapshot, actor: Actor): DataOf<"actor"> {
  const { corpus } = snapshot;
  const relations = corpus.relations.filter((r) => r.subject === actor.id || r.object === actor.id);
  return {
    kind: "actor",
    actor: actorOut(actor),
    leaders: relations
      .filter((r) => r.type === "leader-of" && r.object === actor.id)
      .map((r) => refOf(corpus, r.subject)),
    relations: relations.map((r) => relationOut(corpus, r)),
    attacks: corpus.attacks.flatMap((a) => {
      const own = a.perpetrators.filter((p) => p.actor === actor.id);
      return own.length === 0
        ? []
        : [
            {
              id: a.id,
              name: a.name,
              date: whenOut(a.date),
              status: a.status,
              perpetrators: own.map((p) => perpetratorOut(corpus, p)),
            },
          ];
    }),
    figures: corpus.figures
      .filter((g) => g.about.actors.includes(actor.id))
      .map((g) => figureRef(snapshot, g)),
    facts: factIds(actor.facts),
  };
}
