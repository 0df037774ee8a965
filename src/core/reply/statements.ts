import type { Reply } from "./schema.ts";

/**
 * The statement ids a reply shows: its figures' values, its items' statements and the ids of
 * items that are statements (a claim dispute). What the audit trail records as cited.
 */
export function statementIdsShown(reply: Reply): string[] {
  if (!reply.ok) return [];
  const ids = new Set<string>();
  for (const section of reply.answer.sections) {
    for (const item of section.items) {
      for (const id of item.statements ?? []) ids.add(id);
      if (item.id) ids.add(item.id);
    }
  }
  for (const figure of reply.answer.figures) for (const value of figure.values) ids.add(value.id);
  return [...ids];
}

/**
 * The statement ids a reply stands on: what it shows, and every value, entry and fact its data
 * names, including those a short answer leaves for `more` (a shared answer is corrected for them).
 */
export function statementIdsStoodOn(reply: Reply): string[] {
  if (!reply.ok) return [];
  const { data } = reply.answer;
  const values = (figures: ReadonlyArray<{ values: ReadonlyArray<{ id: string }> } | null>) =>
    figures.flatMap((f) => f?.values.map((v) => v.id) ?? []);
  const fromData = (): readonly string[] => {
    switch (data.kind) {
      case "actor":
        return [
          ...data.relations.map((r) => r.id),
          ...data.attacks.flatMap((a) => a.perpetrators.map((p) => p.id)),
          ...data.facts,
        ];
      case "attack":
        return [
          ...data.perpetrators.map((p) => p.id),
          ...values([data.tolls.killed, data.tolls.injured]),
          ...data.events.map((e) => e.id),
          ...data.facts,
        ];
      case "event":
        return [data.event.id, ...data.facts];
      case "figure":
        return values(data.figures);
      case "disputes":
        return [...values(data.figures), ...data.claims.flatMap((c) => c.sides.map((p) => p.id))];
      case "digest":
        return data.digest?.statements ?? [];
      default:
        return [];
    }
  };
  return [...new Set([...statementIdsShown(reply), ...fromData()])];
}
