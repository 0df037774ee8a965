import { z } from "zod";
import { citationBook, errorReply, field, item, okReply, section } from "../core/reply/build.ts";
import { closest } from "../core/text/suggest.ts";
import { defineCommand } from "./command.ts";
import { textOption } from "./input.ts";
import { MORE_SUMMARY, MORE_USAGE } from "./more.ts";

export const help = defineCommand({
  name: "help",
  summary: "What Factdesk can answer, with an example for each command.",
  usage: "help [command]",
  examples: ["help", "help figure"],
  options: [
    { name: "command", description: "A command to explain", required: false, complete: "command" },
  ],
  reanswerable: true,
  schema: z.strictObject({ command: textOption("a command name").optional() }),
  run(ctx, { command }) {
    const book = citationBook(ctx.snapshot.corpus);
    const all = ctx.commands;
    if (command) {
      const wanted = command.toLowerCase();
      const info = all.find((c) => c.name === wanted);
      if (!info) {
        return errorReply(
          ctx,
          { code: "not_found", message: `There is no command "${command}" to explain.` },
          closest(wanted, all, (c) => [c.name]).map((c) => ({
            label: c.name,
            command: `help ${c.name}`,
          })),
        );
      }
      return okReply(
        ctx,
        {
          kind: "help",
          title: `help: ${info.name}`,
          summary: info.summary,
          fields: [field("Usage", info.usage)],
          sections: [
            section(
              "Examples",
              info.examples.map((e) => item(e)),
            ),
          ],
          data: { kind: "help", commands: [info.name] },
        },
        book,
      );
    }
    return okReply(
      ctx,
      {
        kind: "help",
        title: "Factdesk: sourced answers on actors, attacks and figures",
        summary: `Answers come from a curated corpus of ${ctx.snapshot.corpus.articles.length} articles. Every fact cites its article and a verbatim quote; where sources disagree, every value is shown and the figure is marked disputed.`,
        fields: [],
        sections: [
          section("Commands", [
            ...all.map((c) => item(`${c.usage}: ${c.summary} e.g. ${c.examples[0] ?? c.name}`)),
            item(`${MORE_USAGE}: ${MORE_SUMMARY}`),
          ]),
        ],
        data: { kind: "help", commands: [...all.map((c) => c.name), "more"] },
      },
      book,
    );
  },
});
