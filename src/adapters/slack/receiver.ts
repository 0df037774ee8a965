import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import { defaultBodyLimit, HTTPModuleFunctions, HTTPReceiver, type Logger } from "@slack/bolt";

/** Slack's guidance: refuse a request dated more than five minutes from now, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** The body as Bolt will parse it (form, form with a JSON payload, or JSON); undefined if unreadable. */
function parsedBody(raw: string, contentType: string | undefined): unknown {
  try {
    if (contentType === "application/x-www-form-urlencoded") {
      const form = parseQuery(raw);
      return typeof form.payload === "string" ? JSON.parse(form.payload) : form;
    }
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

/**
 * Bolt's HTTP receiver behind a guard that reads each request first: it refuses a timestamp more
 * than five minutes from local time in either direction (Bolt refuses only old ones) and a body
 * that is not an object (Bolt reads `ssl_check` off whatever JSON it gets, and a JSON `null` threw
 * outside any handler, taking the process down). Bolt then verifies the signature as ever, from
 * the body read here.
 */
export function guardedReceiver(options: {
  signingSecret: string;
  logger: Logger;
  now?: () => number;
}): HTTPReceiver {
  const { logger, now = Date.now } = options;
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    // Ack first, then answer: a long-running server, not a function that stops at the response.
    processBeforeResponse: false,
    logger,
  });
  const bolt = receiver.requestListener;
  const handOver = (req: IncomingMessage, res: ServerResponse) => {
    try {
      bolt(req, res);
    } catch (error) {
      // What Bolt's own server does with a path it has no route for: a 404.
      HTTPModuleFunctions.defaultDispatchErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
      });
    }
  };
  const guard = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST") return handOver(req, res);
    const stamp = Number(req.headers["x-slack-request-timestamp"]);
    if (Number.isFinite(stamp) && Math.abs(now() / 1000 - stamp) > MAX_CLOCK_SKEW_SECONDS) {
      logger.warn("Refused a Slack request dated more than 5 minutes from local time");
      return refuse(res, 401);
    }
    const raw = await readBody(req, defaultBodyLimit);
    if (raw === null) return refuse(res, 413);
    const body = parsedBody(raw.toString(), req.headers["content-type"]);
    // Unparseable bodies are Bolt's to refuse (400); parseable ones must be objects.
    if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body))) {
      logger.warn("Refused a Slack request whose body is not an object");
      return refuse(res, 400);
    }
    // Bolt takes an already-read body from rawBody instead of reading the stream again.
    Object.assign(req, { rawBody: raw });
    handOver(req, res);
  };
  receiver.requestListener = (req, res) => {
    guard(req, res).catch((err: Error) => {
      logger.error(`Slack request failed before Bolt saw it: ${err.message}`);
      if (!res.headersSent) refuse(res, 400);
    });
  };
  return receiver;
}
