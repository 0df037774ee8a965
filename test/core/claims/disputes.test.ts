import { describe, expect, it } from "vitest";
import { claimDisputes } from "../../../src/core/claims/disputes.ts";
import type { Attack, Perpetrator } from "../../../src/core/corpus/schema.ts";
import { bundledCorpus } from "../../support/corpus.ts";

const entry = (id: string, actor: string, status: Perpetrator["status"]): Perpetrator => ({
  id,
  actor,
  status,
  by: [],
  citations: [{ article: "a", quote: "quote" }],
});

function attack(perpetrators: Perpetrator[]): Attack {
  return {
    id: "x",
    name: "X attack",
    aliases: [],
    editorAliases: [],
    date: { value: "2024", precision: "year", estimated: false },
    place: { site: null, city: null, region: null, country: null },
    kinds: ["bombing"],
    status: "carried-out",
    targets: [],
    perpetrators,
    casualties: { killed: null, injured: null },
    summary: "s",
    citations: [{ article: "a", quote: "quote" }],
    facts: [],
  };
}

describe("claim disputes", () => {
  it("finds the bundled corpus's: who claimed Crocus, Kerman and Istanbul, and Ukraine against the claim", async () => {
    const disputes = claimDisputes((await bundledCorpus()).attacks);
    expect(disputes.map((d) => d.id)).toEqual([
      "crocus-city-hall-2024-claim-isis-k",
      "kerman-bombings-2024-claim-isis-k",
      "istanbul-church-2024-claim-isis-k",
      "crocus-city-hall-2024-allegation-ukraine",
    ]);
    const kerman = disputes[1];
    expect(kerman?.sides.map((p) => [p.status, p.by])).toEqual([
      ["claimed", ["taz"]],
      ["not-claimed", ["mina-al-lami", "bbc"]],
      ["not-claimed", ["abdul-sayed"]],
    ]);
  });

  it("needs both sides: claimed against not claimed or denied, for the same actor", () => {
    expect(
      claimDisputes([attack([entry("c", "g", "claimed"), entry("d", "g", "denied")])]),
    ).toEqual([expect.objectContaining({ id: "x-claim-g", kind: "claim", actor: "g" })]);
    expect(claimDisputes([attack([entry("c", "g", "claimed")])])).toEqual([]);
    expect(
      claimDisputes([attack([entry("a", "g", "attributed"), entry("n", "g", "not-claimed")])]),
    ).toEqual([]);
    expect(
      claimDisputes([attack([entry("c", "g", "claimed"), entry("n", "h", "not-claimed")])]),
    ).toEqual([]);
  });

  it("sets an allegation against another actor's claim, and not against a suspicion", () => {
    const against = claimDisputes([
      attack([entry("c", "g", "claimed"), entry("l", "u", "alleged")]),
    ]);
    expect(against).toEqual([
      expect.objectContaining({ id: "x-allegation-u", kind: "allegation", actor: "u" }),
    ]);
    expect(against[0]?.sides.map((p) => p.id)).toEqual(["c", "l"]);
    expect(
      claimDisputes([attack([entry("s", "g", "suspected"), entry("l", "u", "alleged")])]),
    ).toEqual([]);
  });
});
