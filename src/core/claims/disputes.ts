import type { Attack, Perpetrator } from "../corpus/schema.ts";

/**
 * A dispute over who was behind an attack, read from its perpetrator entries:
 * - `claim`: some entries say an actor claimed it, others that it did not claim it or denied it;
 *   both cannot be right.
 * - `allegation`: an actor is alleged to be behind it while another has claimed it; both can be
 *   true at once (an instigator behind the claimant), so it is shown, not flagged as a conflict.
 */
export interface ClaimDispute {
  /** Stable while the entries are: the attack's id, the kind and the actor disputed. */
  id: string;
  kind: "claim" | "allegation";
  attack: Attack;
  /** The actor whose claim or alleged role is in dispute. */
  actor: string;
  /** The entries on each side, in file order. */
  sides: Perpetrator[];
}

const NOT_CLAIMED: ReadonlySet<Perpetrator["status"]> = new Set(["not-claimed", "denied"]);

function disputesOf(attack: Attack): ClaimDispute[] {
  const entries = attack.perpetrators;
  const actors = [...new Set(entries.map((p) => p.actor))];
  const of = (actor: string, test: (p: Perpetrator) => boolean) =>
    entries.filter((p) => p.actor === actor && test(p));
  const claims = actors.flatMap((actor) => {
    const claimed = of(actor, (p) => p.status === "claimed");
    const denied = of(actor, (p) => NOT_CLAIMED.has(p.status));
    if (claimed.length === 0 || denied.length === 0) return [];
    const sides = entries.filter((p) => claimed.includes(p) || denied.includes(p));
    return [{ id: `${attack.id}-claim-${actor}`, kind: "claim" as const, attack, actor, sides }];
  });
  const allegations = actors.flatMap((actor) => {
    const alleged = of(actor, (p) => p.status === "alleged");
    const claimedByOthers = entries.filter((p) => p.actor !== actor && p.status === "claimed");
    if (alleged.length === 0 || claimedByOthers.length === 0) return [];
    const sides = entries.filter((p) => alleged.includes(p) || claimedByOthers.includes(p));
    return [
      { id: `${attack.id}-allegation-${actor}`, kind: "allegation" as const, attack, actor, sides },
    ];
  });
  return [...claims, ...allegations];
}

/** Every claim dispute in the corpus: claims first, then allegations against a claim. */
export function claimDisputes(attacks: readonly Attack[]): ClaimDispute[] {
  const all = attacks.flatMap(disputesOf);
  return [...all.filter((d) => d.kind === "claim"), ...all.filter((d) => d.kind === "allegation")];
}
