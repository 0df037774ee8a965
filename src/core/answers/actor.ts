import { outletName } from "../corpus/outlet.ts";
import type { RelationType } from "../corpus/schema.ts";
import { sourcedValues } from "../figures/format.ts";
import { citationBook, field, item, okReply, type ReplyContext, section } from "../reply/build.ts";
import type { Reply } from "../reply/schema.ts";
import { formatWhen } from "../text/dates.ts";
import { parenthetical } from "../text/parenthetical.ts";
import { firstSentence } from "../text/sentences.ts";
import { actorData } from "./actor-data.ts";
import { attribution } from "./attribution.ts";
import { editorNameFields } from "./editor-name.ts";
import { factItems, onePerArticle } from "./fact-items.ts";
import { lookUp } from "./look-up.ts";

// How a relation reads from its subject's side and from its object's side.
export const RELATION_WORDS: Record<RelationType, [string, string]> = {
  "leader-of": ["leads", "led by"],
  "member-of": ["member of", "has member"],
  "part-of": ["part of", "includes"],
  "based-in": ["based in", "base of"],
  "active-in": ["active in", "where active:"],
  "aligned-with": ["aligned with", "aligned with"],
  "rival-of": ["rival of", "rival of"],
  "cooperates-with": ["cooperates with", "cooperates with"],
  supports: ["supports", "supported by"],
  opposes: ["opposes", "opposed by"],
  "official-of": ["official of", "official:"],
  "expert-at": ["expert at", "expert:"],
  "spokesperson-for": ["speaks for", "spokesperson:"],
  "media-wing-of": ["media wing of", "media wing:"],
  "draws-from": ["draws members from", "a source of members for"],
};

/** Names a short answer lists; the full card has them all. */
const BRIEF_ALIASES = 5;

const KIND_LABEL: Record<string, string> = {
  "armed-group": "armed group",
  state: "state",
  "government-body": "government body",
  "intelligence-agency": "intelligence agency",
  "international-organisation": "international organisation",
  organisation: "organisation",
  "media-outlet": "media outlet",
  person: "person",
  place: "place",
  population: "population group",
};

export function actorAnswer(ctx: ReplyContext, name: string): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const found = lookUp(ctx, snapshot.names.actors, name, ["actor", "actors"], "actor");
  if ("reply" in found) return found.reply;
  const actor = corpus.actorById.get(found.id);
  if (!actor) throw new Error(`index names unknown actor ${found.id}`);
  const book = citationBook(corpus);
  const nameOf = (id: string) => corpus.actorById.get(id)?.name ?? id;

  const summaryCites = book.citeAll(actor.citations);
  const facts = factItems(book, actor.facts);

  const relations = corpus.relations
    .filter((r) => r.subject === actor.id || r.object === actor.id)
    .map((r) => {
      const [forward, backward] = RELATION_WORDS[r.type];
      const text =
        r.subject === actor.id
          ? `${forward} ${nameOf(r.object)}`
          : `${backward} ${nameOf(r.subject)}`;
      return item(r.note ? `${text} ${parenthetical(r.note)}` : text, book.citeAll(r.citations));
    });

  const leaderOf = corpus.relations.filter((r) => r.type === "leader-of" && r.object === actor.id);
  const leaders = leaderOf.map((r) => ({
    name: nameOf(r.subject),
    cites: book.citeAll(r.citations),
  }));

  const attacks = corpus.attacks.flatMap((a) =>
    a.perpetrators
      .filter((p) => p.actor === actor.id)
      .map((p) =>
        item(
          `${formatWhen(a.date)}: ${a.name} ${parenthetical(attribution(corpus, p))}`,
          book.citeAll(p.citations),
        ),
      ),
  );

  const figures = corpus.figures
    .filter((g) => g.about.actors.includes(actor.id))
    .map((g) => {
      const disputed = snapshot.judgementOf(g).verdict === "conflict";
      return item(
        `${g.measure}: ${sourcedValues(corpus, g)}${disputed ? " (disputed)" : ""}`,
        book.citeAll(g.values.map((v) => v.citation)),
        {
          disputed,
        },
      );
    });

  const mentionedIn = snapshot.mentionsOf(actor.id).map((id) => {
    const a = corpus.articleById.get(id);
    return item(a ? `${outletName(a)}: ${a.title}` : id);
  });

  const fields = [...editorNameFields(actor), field("Kind", KIND_LABEL[actor.kind] ?? actor.kind)];
  if (actor.role) fields.push(field("Role", actor.role));
  // Only the names the texts have: the editors' aliases help look-ups but are no source's words.
  if (actor.aliases.length > 0) fields.push(field("Also known as", actor.aliases.join(", ")));
  if (leaders.length > 0) {
    fields.push(
      field(
        "Leader",
        leaders.map((l) => l.name).join(", "),
        leaders.flatMap((l) => l.cites),
      ),
    );
  }

  const sections = [
    section("Facts", facts),
    section("Relations", relations),
    section("Attacks and plots", attacks),
    section("Figures", figures),
    section("Mentioned in", mentionedIn),
  ].filter((s) => s.items.length > 0);

  // One line per attack, with its first account and how many more the full card has.
  const attackLines = () =>
    corpus.attacks.flatMap((a) => {
      const [first, ...others] = a.perpetrators.filter((p) => p.actor === actor.id);
      if (!first) return [];
      const rest = others.length > 0 ? `, and ${others.length} more accounts` : "";
      const says = parenthetical(`${attribution(corpus, first)}${rest}`);
      const cites = book.citeAll(onePerArticle(first.citations));
      return [item(`${formatWhen(a.date)}: ${a.name} ${says}`, cites)];
    });

  // The short answer leads with what the actor is and who leads it, then the key fields.
  const brief = () => {
    const led = leaderOf.map(
      (r) => `${nameOf(r.subject)}${r.note ? ` ${parenthetical(r.note)}` : ""}`,
    );
    const lead = [
      firstSentence(actor.summary),
      ...(led.length > 0 ? [`Led by ${led.join(", ")}.`] : []),
    ];
    const aliases = actor.aliases.slice(0, BRIEF_ALIASES).join(", ");
    const more = actor.aliases.length > BRIEF_ALIASES ? ", …" : "";
    return {
      kind: "actor" as const,
      title: actor.name,
      summary: lead.join(" "),
      summaryCites: [
        ...book.citeAll(onePerArticle(actor.citations)),
        ...leaderOf.flatMap((r) => book.citeAll(onePerArticle(r.citations))),
      ],
      fields: fields
        .filter((f) => f.label !== "Leader")
        .map((f) => (f.label === "Also known as" ? { ...f, value: `${aliases}${more}` } : f)),
      sections: [
        section("Attacks and plots", attackLines()),
        ...sections.filter((s) => s.heading === "Figures"),
      ].filter((s) => s.items.length > 0),
    };
  };

  const related = corpus.figures
    .filter((g) => g.about.actors.includes(actor.id))
    .slice(0, 3)
    .map((g) => ({ label: g.measure, command: `figure ${g.topics[0]}` }));

  const suggestions = [
    ...related,
    { label: `Timeline for ${actor.name}`, command: `timeline ${actor.name}` },
  ];
  const data = actorData(snapshot, actor);
  if (ctx.more) return okReply(ctx, { ...brief(), data }, book, suggestions, ctx.more);
  return okReply(
    ctx,
    {
      kind: "actor",
      title: actor.name,
      summary: actor.summary,
      summaryCites,
      fields,
      sections,
      data,
    },
    book,
    suggestions,
  );
}
