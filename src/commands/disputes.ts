import { z } from "zod";
import { disputesAnswer } from "../core/answers/disputes.ts";
import { defineCommand } from "./command.ts";

export const disputes = defineCommand({
  name: "disputes",
  summary: "Every figure on which the sources disagree, values side by side.",
  usage: "disputes",
  examples: ["disputes"],
  options: [],
  reanswerable: true,
  schema: z.strictObject({}),
  run: (ctx) => disputesAnswer(ctx),
});
