import { z } from "zod";
import type { Reply } from "../../core/reply/schema.ts";

// The reply model is growing follow-ups beyond suggestions ("More" for the full card, and more
// to come), so the shell reads them leniently: a follow-up is command text, bare or in an
// object, on the reply or its answer. Whatever it cannot place is shown as a plain hint.

const CommandText = z.string().trim().min(1);
const Action = z.union([
  CommandText.transform((command) => ({ label: null, command, kind: null })),
  z
    .looseObject({
      label: z.string().nullish(),
      kind: z.string().nullish(),
      command: CommandText.nullish(),
      text: CommandText.nullish(),
      ask: CommandText.nullish(),
    })
    .transform((a) => ({
      label: a.label ?? null,
      command: a.command ?? a.ask ?? a.text ?? null,
      kind: a.kind ?? null,
    })),
]);
type Action = z.infer<typeof Action>;

const Carrier = z.looseObject({
  more: Action.nullish().catch(null),
  actions: z.array(Action.nullish().catch(null)).nullish().catch(null),
});

/** A follow-up the shell has no word for: shown as a hint line. */
export interface Hint {
  label: string | null;
  command: string | null;
}

export interface Offers {
  /** What the `more` word asks: the full answer; null when the reply is already all of it. */
  more: string | null;
  hints: Hint[];
}

const isMore = (a: Action) => [a.kind, a.label].some((w) => w?.trim().toLowerCase() === "more");

export function offersOf(reply: Reply): Offers {
  const carriers = [reply, reply.answer].map((c) => Carrier.safeParse(c ?? {}));
  const actions: Action[] = [];
  for (const c of carriers) {
    if (!c.success) continue;
    if (c.data.more) actions.push({ ...c.data.more, kind: "more" });
    for (const a of c.data.actions ?? []) if (a) actions.push(a);
  }
  const more = actions.find((a) => isMore(a) && a.command)?.command ?? null;
  const hints = actions
    .filter((a) => !isMore(a) && (a.label || a.command))
    .map(({ label, command }) => ({ label, command }));
  return { more, hints };
}
