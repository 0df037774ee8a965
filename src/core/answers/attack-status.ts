import type { AttackStatus } from "../corpus/schema.ts";

/** How an attack's status reads: an alleged plot is never called foiled. */
export const STATUS_LABEL: Record<AttackStatus, string> = {
  "carried-out": "carried out",
  foiled: "foiled plot",
  alleged: "alleged plot (suspects detained)",
};
