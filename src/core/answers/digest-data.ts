import type { DataOf } from "../reply/data-schema.ts";

type Digest = NonNullable<DataOf<"digest">["digest"]>;
/** What a schedule's reply says of a subscription: its paused state is shown as a yes or no. */
type Scheduled = Omit<DataOf<"digest">["subscriptions"][number], "paused"> & {
  paused: object | null;
};
type WithId = { readonly id: string };
type Listed = Record<Exclude<keyof Digest, "date">, readonly WithId[]>;

/** A built digest as data: what it reports, by id. */
export function digestData(date: string, listed: Listed): DataOf<"digest"> {
  const ids = (records: readonly WithId[]) => records.map((r) => r.id);
  return {
    kind: "digest",
    digest: {
      date,
      articles: ids(listed.articles),
      attacks: ids(listed.attacks),
      events: ids(listed.events),
      statements: ids(listed.statements),
      anniversaries: ids(listed.anniversaries),
      disputedFigures: ids(listed.disputedFigures),
    },
    subscriptions: [],
  };
}

/** A schedule's reply as data: the subscriptions it is about. */
export function scheduleData(subs: readonly Scheduled[]): DataOf<"digest"> {
  return {
    kind: "digest",
    digest: null,
    subscriptions: subs.map(({ channelId, cron, label, tz, topic, paused }) => ({
      channelId,
      cron,
      label,
      tz,
      topic,
      paused: paused !== null,
    })),
  };
}
