import { outletName } from "../corpus/outlet.ts";
import type {
  Actor,
  Attack,
  Citation,
  Event,
  Fact,
  FigureGroup,
  Perpetrator,
  Place,
  Relation,
} from "../corpus/schema.ts";
import type { Corpus, LoadedArticle } from "../corpus/types.ts";
import { figureSpan } from "../figures/present.ts";
import type {
  ActorOut,
  ArticleOut,
  AttackOut,
  EventOut,
  FigureData,
  FigureRef,
  PerpetratorOut,
  PlaceOut,
  Ref,
  RelationOut,
} from "../reply/data-schema.ts";
import { dateOut, whenOut } from "../reply/date-out.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { placeText } from "./place.ts";

// The records as the JSON contract's `data` carries them: pure functions of the corpus, so every
// answer kind describes an actor, an attack or a figure the same way.

function placeOut(place: Place): PlaceOut {
  const given = Object.values(place).some((part) => part !== null);
  return { ...place, label: given ? placeText(place) : null };
}

export function refOf(corpus: Corpus, id: string): Ref {
  return { id, name: corpus.actorById.get(id)?.name ?? id };
}

const articlesOf = (citations: readonly Citation[]) => [
  ...new Set(citations.map((c) => c.article)),
];

export const factIds = (facts: readonly Fact[]): string[] => facts.map((f) => f.id);

export function figureRef(snapshot: CorpusSnapshot, group: FigureGroup): FigureRef {
  return { id: group.id, measure: group.measure, verdict: snapshot.judgementOf(group).verdict };
}

export function actorOut(actor: Actor): ActorOut {
  return {
    id: actor.id,
    name: actor.name,
    kind: actor.kind,
    aliases: [...actor.aliases],
    role: actor.role ?? null,
  };
}

export function relationOut(corpus: Corpus, r: Relation): RelationOut {
  return {
    id: r.id,
    type: r.type,
    subject: refOf(corpus, r.subject),
    object: refOf(corpus, r.object),
    note: r.note ?? null,
  };
}

export function perpetratorOut(corpus: Corpus, p: Perpetrator): PerpetratorOut {
  return {
    id: p.id,
    actor: refOf(corpus, p.actor),
    status: p.status,
    by: p.by.map((id) => refOf(corpus, id)),
    articles: articlesOf(p.citations),
  };
}

/** A figure group's every value apart, with the verdict the answers show. */
export function figureData(snapshot: CorpusSnapshot, group: FigureGroup): FigureData {
  const { corpus } = snapshot;
  const judged = snapshot.judgementOf(group);
  return {
    id: group.id,
    measure: group.measure,
    unit: group.unit,
    verdict: judged.verdict,
    span: figureSpan(judged),
    about: { actors: [...group.about.actors], attacks: [...group.about.attacks] },
    values: judged.values.map((v) => {
      const article = corpus.articleById.get(v.citation.article);
      return {
        id: v.id,
        amount: v.value ?? null,
        low: v.low ?? null,
        high: v.high ?? null,
        unit: group.unit,
        qualifier: v.qualifier,
        text: v.text,
        source: {
          articleId: v.citation.article,
          outlet: article ? outletName(article) : v.citation.article,
        },
        asOf: v.asOf ? dateOut(v.asOf) : null,
        attributedTo: v.attributedTo.map((id) => refOf(corpus, id)),
        attributedToText: v.attributedToText ?? null,
        derived: v.derived !== undefined,
      };
    }),
  };
}

export function figureDataById(snapshot: CorpusSnapshot, id: string | null): FigureData | null {
  const group = id ? snapshot.corpus.figureById.get(id) : undefined;
  return group ? figureData(snapshot, group) : null;
}

export function attackOut(attack: Attack): AttackOut {
  return {
    id: attack.id,
    name: attack.name,
    date: whenOut(attack.date),
    place: placeOut(attack.place),
    status: attack.status,
    kinds: [...attack.kinds],
    targets: [...attack.targets],
  };
}

export function eventOut(corpus: Corpus, event: Event): EventOut {
  return {
    id: event.id,
    name: event.name,
    kind: event.kind,
    date: whenOut(event.date),
    place: placeOut(event.place),
    actors: event.actors.map((a) => ({ actor: refOf(corpus, a.actor), role: a.role })),
    attacks: [...event.attacks],
  };
}

export function articleOut(a: LoadedArticle): ArticleOut {
  return {
    id: a.id,
    title: a.title,
    outlet: outletName(a),
    outletConfidence: a.outletConfidence,
    author: a.author,
    published: dateOut(a.published),
    language: a.language,
    translatedFrom: a.translatedFrom,
    url: a.url,
  };
}
