import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { render } from "../adapters/shell/render.ts";
import { SHELL_CALLER } from "../adapters/shell/shell.ts";
import type { Responder } from "../commands/responder.ts";

/**
 * `ask`: one answer in plain text or as one JSON document; with --json and no text, one JSON
 * document per input line. Returns the exit status: 0 when every answer is ok, 1 otherwise.
 */
export async function ask(
  responder: Responder,
  text: string | null,
  json: boolean,
  io: { input: Readable; output: Writable },
): Promise<number> {
  if (text !== null) {
    const { reply } = await responder.answer({ caller: SHELL_CALLER, input: { text } });
    io.output.write(`${json ? JSON.stringify(reply) : render(reply)}\n`);
    return reply.ok ? 0 : 1;
  }
  let status = 0;
  for await (const line of createInterface({
    input: io.input,
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (!line.trim()) continue;
    const { reply } = await responder.answer({ caller: SHELL_CALLER, input: { text: line } });
    if (!reply.ok) status = 1;
    io.output.write(`${json ? JSON.stringify(reply) : render(reply)}\n`);
  }
  return status;
}
