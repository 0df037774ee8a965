import { citationBook, field, okReply, type ReplyContext, section } from "../reply/build.ts";
import type { Reply } from "../reply/schema.ts";
import { formatWhen } from "../text/dates.ts";
import { firstSentence } from "../text/sentences.ts";
import { editorNameFields } from "./editor-name.ts";
import { factItems, onePerArticle } from "./fact-items.ts";
import { lookUp } from "./look-up.ts";
import { placeText } from "./place.ts";
import { eventOut, factIds } from "./record-data.ts";
import { partiesText } from "./timeline-rows.ts";

/** What a short answer keeps of the card: when, where, who, what it bears on. */
const BRIEF_FIELDS = new Set(["Date", "Place", "Who", "About"]);

/**
 * An event's card: a warning, statement, arrest, court appearance… with its date, place, the
 * actors in it and their parts, the attacks it bears on, and what the sources say about it.
 */
export function eventAnswer(ctx: ReplyContext, query: string): Reply {
  const { snapshot } = ctx;
  const { corpus } = snapshot;
  const found = lookUp(ctx, snapshot.names.events, query, ["event", "events"], "event");
  if ("reply" in found) return found.reply;
  const event = corpus.eventById.get(found.id);
  if (!event) throw new Error(`index names unknown event ${found.id}`);
  const book = citationBook(corpus);
  const attacks = event.attacks
    .map((id) => corpus.attackById.get(id))
    .filter((a) => a !== undefined);
  const { site, city, region, country } = event.place;
  const place = [site, city, region, country].some(Boolean) ? placeText(event.place) : null;
  const parties = partiesText(corpus, event);
  const fields = [
    ...editorNameFields(event),
    field("Date", formatWhen(event.date)),
    ...(place ? [field("Place", place)] : []),
    field("Kind", event.kind.replace(/-/g, " ")),
    ...(parties ? [field("Who", parties)] : []),
    ...(attacks.length > 0 ? [field("About", attacks.map((a) => a.name).join("; "))] : []),
  ];
  const suggestions = [
    ...attacks.slice(0, 2).map((a) => ({ label: a.name, command: `attack ${a.name}` })),
    { label: "Timeline around it", command: `timeline ${event.name}` },
  ];
  const data = {
    kind: "event" as const,
    event: eventOut(corpus, event),
    facts: factIds(event.facts),
  };
  const body = (brief: boolean) => ({
    kind: "event" as const,
    title: event.name,
    summary: brief ? firstSentence(event.summary) : event.summary,
    summaryCites: book.citeAll(brief ? onePerArticle(event.citations) : event.citations),
    fields: brief ? fields.filter((f) => BRIEF_FIELDS.has(f.label)) : fields,
    sections: brief
      ? []
      : [section("What the sources say", factItems(book, event.facts))].filter(
          (s) => s.items.length > 0,
        ),
    data,
  });
  if (ctx.more) return okReply(ctx, body(true), book, suggestions, ctx.more);
  return okReply(ctx, body(false), book, suggestions);
}
