import type { types } from "@slack/bolt";
import { LIMITS as LIMIT } from "../../../src/adapters/slack/limits.ts";
import { escapeMrkdwn } from "../../../src/adapters/slack/mrkdwn.ts";
import type { SlackBlock, SlackMessage } from "../../../src/adapters/slack/render.ts";
import { type CitationsShown, readCitations } from "../contract.ts";

// Independent checks of a rendered Slack message, for the shared contract and Slack's own tests.

type Text = types.PlainTextElement | types.MrkdwnElement;

function textsOf(block: SlackBlock): Text[] {
  switch (block.type) {
    case "header":
      return [block.text];
    case "section":
      return [...(block.text ? [block.text as Text] : []), ...((block.fields ?? []) as Text[])];
    case "context":
      return block.elements.filter(
        (e): e is Text => e.type === "mrkdwn" || e.type === "plain_text",
      );
    case "actions":
      return block.elements.flatMap((e) => (e.type === "button" ? [e.text] : []));
  }
}

/** Every text object and the notification text, raw (escaped) as sent to Slack. */
export function rawTexts(message: SlackMessage): string[] {
  return [message.text, ...message.blocks.flatMap(textsOf).map((t) => t.text)];
}

/** What a reader sees: entities decoded, invisible characters dropped, blocks in order. */
export function visibleText(message: SlackMessage): string {
  return message.blocks
    .flatMap(textsOf)
    .map((t) =>
      t.text
        .replace(/[\u200B\u2060]/g, "")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&"),
    )
    .join("\n");
}

/** Anything Slack would turn into a ping, a mention or a link to a person or channel. */
export function mentions(message: SlackMessage): string[] {
  return rawTexts(message).flatMap((text) => [
    ...(text.match(/<[@#!][^>]*>/g) ?? []),
    ...(text.match(/(?<![\p{L}\p{N}])@(here|channel|everyone|group)\b/giu) ?? []),
  ]);
}

/** Every Block Kit limit the message breaks; empty when Slack would accept it. */
export function limitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(message.text.trim().length > 0, "no notification text");
  check(
    message.blocks.length <= LIMIT.blocks,
    `${message.blocks.length} blocks (max ${LIMIT.blocks})`,
  );
  const actionIds = new Set<string>();
  message.blocks.forEach((block, i) => {
    const at = `block ${i} (${block.type})`;
    for (const t of textsOf(block)) check(t.text.length > 0, `${at}: empty text`);
    switch (block.type) {
      case "header":
        check(block.text.type === "plain_text", `${at}: header must be plain_text`);
        check(block.text.text.length <= LIMIT.headerText, `${at}: header over ${LIMIT.headerText}`);
        break;
      case "section": {
        const fields = block.fields ?? [];
        check(block.text !== undefined || fields.length > 0, `${at}: neither text nor fields`);
        check(
          (block.text?.text.length ?? 0) <= LIMIT.sectionText,
          `${at}: text over ${LIMIT.sectionText}`,
        );
        check(
          fields.length <= LIMIT.sectionFields,
          `${at}: ${fields.length} fields (max ${LIMIT.sectionFields})`,
        );
        for (const f of fields)
          check(f.text.length <= LIMIT.fieldText, `${at}: field over ${LIMIT.fieldText}`);
        break;
      }
      case "context":
        check(
          block.elements.length <= LIMIT.contextElements,
          `${at}: over ${LIMIT.contextElements} elements`,
        );
        for (const t of textsOf(block))
          check(t.text.length <= LIMIT.contextText, `${at}: text over ${LIMIT.contextText}`);
        break;
      case "actions":
        check(
          block.elements.length <= LIMIT.actionsElements,
          `${at}: over ${LIMIT.actionsElements} elements`,
        );
        for (const e of block.elements) {
          if (e.type !== "button") continue;
          check(
            e.text.text.length <= LIMIT.buttonText,
            `${at}: button text over ${LIMIT.buttonText}`,
          );
          check(
            (e.value ?? "").length <= LIMIT.buttonValue,
            `${at}: button value over ${LIMIT.buttonValue}`,
          );
          const id = e.action_id ?? "";
          check(id.length > 0 && id.length <= LIMIT.actionId, `${at}: bad action_id`);
          check(!actionIds.has(id), `${at}: duplicate action_id ${id}`);
          actionIds.add(id);
        }
        break;
    }
  });
  return problems;
}

/** Plain text as a reader sees it once the renderer has escaped it. */
export function asShown(text: string): string {
  return visibleText({
    text: "t",
    blocks: [{ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(text) } }],
  });
}

/**
 * What a message cites: every [n] or [n, m] of the body, each source line by id ("[n] Outlet,
 * date", or "*[n] Outlet*, date: _title_" with the quote on the next line), and how many sources
 * it says it left out.
 */
export function citationsShown(message: SlackMessage): CitationsShown {
  return readCitations(visibleText(message), {
    source: /^\*?\[(\d+)\] /,
    quote: ">“",
    marker: /\[(\d+(?:, \d+)*)\]/g,
    leftOut: /^_…and (\d+) more sources?_$/,
  });
}
