import { citationBook, item, okReply, type ReplyContext, section } from "../reply/build.ts";
import type { Reply } from "../reply/schema.ts";
import { dateSortKey, formatFuzzyDate } from "../text/dates.ts";
import { placeLine, tollLine } from "./attack.ts";
import { attribution } from "./attribution.ts";
import { lookUp } from "./look-up.ts";

export function timelineAnswer(ctx: ReplyContext, actorName: string | undefined): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  let actorId: string | undefined;
  if (actorName) {
    const found = lookUp(ctx, snapshot.names.actors, actorName, ["actor", "actors"], "timeline");
    if ("reply" in found) return found.reply;
    actorId = found.id;
  }
  const actor = actorId ? corpus.actorById.get(actorId) : undefined;
  const book = citationBook(corpus);
  const attacks = corpus.attacks
    .filter((a) => !actorId || a.perpetrators.some((p) => p.actor === actorId))
    .slice()
    .sort(
      (a, b) =>
        dateSortKey(a.date).localeCompare(dateSortKey(b.date)) || a.name.localeCompare(b.name),
    );

  const items = attacks.map((a) => {
    const toll = tollLine(snapshot, a);
    const status = a.status === "foiled" ? " [foiled plot]" : "";
    // With an actor, each of its attributions says who makes it, and cites where.
    const roles = actorId ? a.perpetrators.filter((p) => p.actor === actorId) : [];
    const text = [
      `${formatFuzzyDate(a.date)}: ${a.name}${status}`,
      placeLine(a),
      toll?.text,
      ...roles.map((p) => `${actor?.name}: ${attribution(corpus, p)}`),
    ]
      .filter(Boolean)
      .join(" | ");
    const tollCites = [a.casualties.killed, a.casualties.injured]
      .map((id) => (id ? corpus.figureById.get(id) : undefined))
      .flatMap((g) => g?.values.map((v) => v.citation) ?? []);
    const cited = [...a.citations.slice(0, 1), ...roles.flatMap((p) => p.citations), ...tollCites];
    return item(text, book.citeAll(cited), { disputed: toll?.disputed ?? false });
  });

  return okReply(
    ctx,
    {
      kind: "timeline",
      title: actor ? `Timeline: ${actor.name}` : "Timeline of attacks and plots",
      summary:
        items.length > 0
          ? `${items.length} attacks and plots in date order${actor ? ` linked to ${actor.name}` : ""}. Dates are as precise as the sources allow.`
          : `No attack or plot in the corpus is linked to ${actor?.name ?? "that actor"}.`,
      fields: [],
      sections: [section("Attacks and plots", items)],
    },
    book,
    attacks.slice(0, 3).map((a) => ({ label: a.name, command: `attack ${a.name}` })),
  );
}
