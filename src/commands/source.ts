import { z } from "zod";
import { sourceAnswer } from "../core/answers/sources.ts";
import { defineCommand } from "./command.ts";
import { textOption } from "./input.ts";

export const source = defineCommand({
  name: "source",
  summary: "One article: how it was identified and dated, and what was cleaned out of it.",
  usage: "source <id or outlet>",
  examples: ["source taz", "source asianews-vilayat-khorasan"],
  options: [
    { name: "id", description: "Article id or outlet", required: true, complete: "article" },
  ],
  reanswerable: true,
  schema: z.strictObject({ id: textOption("an article id or outlet") }),
  run: (ctx, { id }) => sourceAnswer(ctx, id),
});
