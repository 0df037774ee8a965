import type { Attack } from "../corpus/schema.ts";
import type { DataOf } from "../reply/data-schema.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { byWhen } from "./event-line.ts";
import { eventsOf } from "./involvement.ts";
import { attackOut, eventOut, factIds, figureDataById, perpetratorOut } from "./record-data.ts";

/**
 * An attack as data: when, where, whether it happened, every account of who was behind it, the
 * tolls with each source's value, and the events that bear on it.
 */
export function attackData(
  snapshot: CorpusSnapshot,
  attack: Attack,
  others: readonly string[] = [],
): DataOf<"attack"> {
  const { corpus } = snapshot;
  return {
    kind: "attack",
    attack: attackOut(attack),
    perpetrators: attack.perpetrators.map((p) => perpetratorOut(corpus, p)),
    tolls: {
      killed: figureDataById(snapshot, attack.casualties.killed),
      injured: figureDataById(snapshot, attack.casualties.injured),
    },
    events: eventsOf(corpus, attack.id)
      .sort(byWhen)
      .map((e) => eventOut(corpus, e)),
    facts: factIds(attack.facts),
    others: others.flatMap((id) => {
      const a = corpus.attackById.get(id);
      return a ? [{ id: a.id, name: a.name }] : [];
    }),
  };
}
