import type { Attack, Perpetrator } from "../corpus/schema.ts";
import type { Corpus } from "../corpus/types.ts";
import { sourcedValues } from "../figures/format.ts";
import { presentFigure } from "../figures/present.ts";
import { citationBook, field, item, okReply, type ReplyContext, section } from "../reply/build.ts";
import type { Reply } from "../reply/schema.ts";
import type { CorpusSnapshot } from "../snapshot.ts";
import { formatWhen } from "../text/dates.ts";
import { foldText } from "../text/normalize.ts";
import { parenthetical } from "../text/parenthetical.ts";
import { firstSentence } from "../text/sentences.ts";
import { attackData } from "./attack-data.ts";
import { STATUS_LABEL } from "./attack-status.ts";
import { attribution } from "./attribution.ts";
import { editorNameFields } from "./editor-name.ts";
import { byWhen, eventLine } from "./event-line.ts";
import { factItems, onePerArticle } from "./fact-items.ts";
import { eventsOf } from "./involvement.ts";
import { lookUp, type Reading } from "./look-up.ts";
import { placeText } from "./place.ts";

/** What a short answer keeps of the card: an editors' name, when, where, whether it happened, the toll. */
const BRIEF_FIELDS = new Set(["Name", "Date", "Place", "Status", "Killed", "Injured"]);

/** How much the corpus says about an attack: its citations, facts and perpetrator entries. */
const weightOf = (a: Attack) => a.citations.length + a.facts.length + a.perpetrators.length;

/**
 * A name that fits several attacks reads as the one the corpus says far most about (twice any
 * other's records), the others listed; "attack moscow" is the Crocus attack, not the foiled plot.
 */
function mainReading(corpus: Corpus, ids: string[]): Reading {
  const ranked = ids
    .map((id) => corpus.attackById.get(id))
    .filter((a) => a !== undefined)
    .sort((a, b) => weightOf(b) - weightOf(a));
  const [top, next] = ranked;
  if (!top || !next || weightOf(top) < 2 * weightOf(next)) return null;
  return { main: top.id, others: ranked.slice(1).map((a) => a.id) };
}

/** Entries that say the same of the same actor as one: "attributed according to A, B". */
function sameClaim(perpetrators: readonly Perpetrator[]): Perpetrator[] {
  const merged = new Map<string, Perpetrator>();
  for (const p of perpetrators) {
    const key = `${p.actor}\u0000${p.status}`;
    const known = merged.get(key);
    merged.set(
      key,
      known
        ? {
            ...known,
            by: [...new Set([...known.by, ...p.by])],
            citations: [...known.citations, ...p.citations],
          }
        : p,
    );
  }
  return [...merged.values()];
}

export function placeLine(attack: Attack): string {
  return placeText(attack.place);
}

/** "killed: 137 / at least 130 (disputed)": the toll as the sources word it, or null. */
export function tollLine(
  snapshot: CorpusSnapshot,
  attack: Attack,
): { text: string; disputed: boolean } | null {
  const parts: string[] = [];
  let disputed = false;
  for (const [id, word] of [
    [attack.casualties.killed, "killed"],
    [attack.casualties.injured, "injured"],
  ] as const) {
    const group = id ? snapshot.corpus.figureById.get(id) : undefined;
    if (!group) continue;
    const d = snapshot.judgementOf(group).verdict === "conflict";
    disputed ||= d;
    // "killed 21 people" says what it counts; "killed: killed 21 people" would say it twice.
    const named = group.values.every((v) => ` ${foldText(v.text)} `.includes(` ${word} `));
    parts.push(
      `${named ? "" : `${word}: `}${sourcedValues(snapshot.corpus, group)}${d ? " (disputed)" : ""}`,
    );
  }
  return parts.length > 0 ? { text: parts.join("; "), disputed } : null;
}

export function attackAnswer(ctx: ReplyContext, query: string): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const found = lookUp(
    ctx,
    snapshot.names.attacks,
    query,
    ["attack or plot", "attacks or plots"],
    "attack",
    (ids) => mainReading(corpus, ids),
  );
  if ("reply" in found) return found.reply;
  const attack = corpus.attackById.get(found.id);
  if (!attack) throw new Error(`index names unknown attack ${found.id}`);
  const book = citationBook(corpus);
  const nameOf = (id: string) => corpus.actorById.get(id)?.name ?? id;

  const summaryCites = book.citeAll(attack.citations);
  const figures = [attack.casualties.killed, attack.casualties.injured]
    .map((id) => (id ? corpus.figureById.get(id) : undefined))
    .filter((g) => g !== undefined)
    .map((g) => presentFigure(snapshot, g, book));

  const also = found.others.map((id) => corpus.attackById.get(id)).filter((a) => a !== undefined);
  const fields = [
    ...(also.length > 0
      ? [
          field(
            `Also matching "${query}"`,
            also
              .map(
                (a) =>
                  `${a.name} ${parenthetical(`${STATUS_LABEL[a.status]}, ${formatWhen(a.date)}`)}`,
              )
              .join("; "),
          ),
        ]
      : []),
    ...editorNameFields(attack),
    field("Date", formatWhen(attack.date)),
    field("Place", placeLine(attack)),
    field("Status", STATUS_LABEL[attack.status]),
    field("Kind", attack.kinds.join(", ").replace(/-/g, " ")),
  ];
  if (attack.targets.length > 0) fields.push(field("Targets", attack.targets.join("; ")));
  for (const f of figures) {
    const label = f.id === attack.casualties.killed ? "Killed" : "Injured";
    fields.push(
      field(
        label,
        [...new Set(f.values.map((v) => `${v.text} ${parenthetical(v.outlet)}`))].join("; "),
        f.values.map((v) => v.cite),
        f.disputed,
      ),
    );
  }

  const perpetrators = attack.perpetrators.map((p) => {
    // A note is sentences with sourcing of its own in parentheses: set off, not wrapped.
    const note = p.note ? ` — ${p.note}` : "";
    return item(`${nameOf(p.actor)}: ${attribution(corpus, p)}${note}`, book.citeAll(p.citations));
  });
  const facts = factItems(book, attack.facts);

  const related = eventsOf(corpus, attack.id)
    .sort(byWhen)
    .map((e) =>
      item(eventLine(e), book.citeAll(e.citations.slice(0, 1)), {
        record: { type: "event", id: e.id, kind: e.kind },
      }),
    );

  const sections = [
    section("Perpetrators", perpetrators),
    section("What the sources say", facts),
    section("Related events", related),
  ].filter((s) => s.items.length > 0);
  const brief = () => {
    const briefFields = fields.filter(
      (f) => BRIEF_FIELDS.has(f.label) || f.label.startsWith("Also matching"),
    );
    const who = section(
      "Perpetrators",
      sameClaim(attack.perpetrators).map((p) =>
        item(
          `${nameOf(p.actor)}: ${attribution(corpus, p)}`,
          book.citeAll(onePerArticle(p.citations)),
        ),
      ),
    );
    const sections = [who].filter((s) => s.items.length > 0);
    // "Who claimed it?": who, as each source says, in place of what the attack was and its toll.
    if (ctx.focus === "perpetrators" && sections.length > 0) {
      return {
        kind: "attack" as const,
        title: attack.name,
        summary: "Who was behind it, as each source says:",
        summaryCites: [],
        fields: briefFields.filter((f) => f.label === "Date" || f.label === "Place"),
        sections,
      };
    }
    return {
      kind: "attack" as const,
      title: attack.name,
      summary: firstSentence(attack.summary),
      summaryCites: book.citeAll(onePerArticle(attack.citations)),
      fields: briefFields,
      sections,
    };
  };
  const suggestions = [
    ...also.map((a) => ({
      label: a.name,
      command: `attack ${snapshot.names.attacks.entries.get(a.id)?.names[0] ?? a.name}`,
    })),
    ...attack.perpetrators
      .filter((p) => p.status === "claimed" || p.status === "attributed")
      .slice(0, 2)
      .map((p) => ({ label: nameOf(p.actor), command: `actor ${nameOf(p.actor)}` })),
  ];

  const data = attackData(snapshot, attack, found.others);
  if (ctx.more) return okReply(ctx, { ...brief(), data }, book, suggestions, ctx.more);
  return okReply(
    ctx,
    {
      kind: "attack",
      title: attack.name,
      summary: attack.summary,
      summaryCites,
      fields,
      sections,
      figures,
      data,
    },
    book,
    suggestions,
  );
}
