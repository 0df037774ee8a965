import { z } from "zod";
import { DISPUTE_VIEWS, disputesAnswer } from "../core/answers/disputes.ts";
import { defineCommand } from "./command.ts";

export const disputes = defineCommand({
  name: "disputes",
  summary:
    "Figures on which the sources disagree, values side by side; or, with 'claims', who claimed an attack and who says otherwise.",
  usage: "disputes [figures|claims]",
  examples: ["disputes", "disputes claims"],
  options: [{ name: "which", description: "figures (when left out) or claims", required: false }],
  reanswerable: true,
  schema: z.strictObject({
    which: z
      .enum(DISPUTE_VIEWS, { message: 'say "figures" or "claims" after disputes' })
      .optional(),
  }),
  run: (ctx, { which }) => disputesAnswer(ctx, which ?? "figures"),
});
