import type { RequestContext } from "./commands/command.ts";
import {
  DIGEST_ACTIONS,
  digestInfo,
  digestRequestSchema,
  digestTextToOptions,
} from "./commands/digest.ts";
import { answerOptions, answerText } from "./commands/dispatch.ts";
import { asTypedText, MAX_INPUT_LENGTH, sanitizeInput } from "./commands/input.ts";
import { errorReply, type ReplyContext } from "./core/answer/build.ts";
import type { Reply } from "./core/answer/schema.ts";
import type { Corpus } from "./core/corpus/types.ts";
import { type DigestService, previewDigest } from "./digests/service.ts";
import type { Logger } from "./log.ts";

/** What a platform hands over: typed text, or a command with typed options (Discord). */
export type Input = { text: string } | { command: string; options: Record<string, unknown> };

/** Every adapter answers through one of these, so all platforms behave the same. */
export type Responder = (ctx: RequestContext, input: Input) => Promise<Reply>;

export interface ResponderDeps {
  corpus: Corpus;
  /** null when Redis cannot be reached: digests then say why they are unavailable. */
  digests: DigestService | null;
  digestsUnavailable?: string;
  defaultTimeZone: string;
  log: Logger;
}

function digestOptions(input: Input): { options: Record<string, unknown>; query: string } | null {
  if ("text" in input) {
    const text = sanitizeInput(input.text);
    const [first, ...rest] = text.split(" ");
    if (first?.toLowerCase() !== "digest" || input.text.length > MAX_INPUT_LENGTH) return null;
    return { options: digestTextToOptions(rest.join(" ")), query: text };
  }
  if (input.command !== "digest") return null;
  return { options: input.options, query: asTypedText(["digest"], input.options) };
}

/** A digest command waits this long for Redis; past it the user is told, not left hanging. */
const DIGEST_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `Redis did not answer within ${ms / 1000} s; a change may still apply when it reconnects, so check with digest status`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createResponder(deps: ResponderDeps): Responder {
  const schema = digestRequestSchema(deps.defaultTimeZone);

  async function digest(
    ctx: RequestContext,
    options: Record<string, unknown>,
    query: string,
  ): Promise<Reply> {
    const rc: ReplyContext = { corpus: deps.corpus, command: "digest", query };
    const action = String(options.action ?? "");
    if (!(DIGEST_ACTIONS as readonly string[]).includes(action)) {
      return errorReply(rc, {
        code: "bad_input",
        message: action
          ? `digest has no "${action}"; it takes ${DIGEST_ACTIONS.join(", ")}.`
          : "digest needs an action.",
        path: ["action"],
        usage: digestInfo.usage,
      });
    }
    const usage = digestInfo.subcommands.find((s) => s.name === action)?.usage ?? digestInfo.usage;
    const parsed = schema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message =
        issue?.code === "unrecognized_keys"
          ? `"digest ${action}" does not take that; see its usage.`
          : (issue?.message ?? "invalid");
      return errorReply(rc, {
        code: "bad_input",
        message,
        path: (issue?.path ?? []).map(String),
        usage,
      });
    }
    const request = parsed.data;
    const { digests } = deps;
    if (!digests && request.action !== "preview") {
      return errorReply(rc, {
        code: "unavailable",
        message: `Digests are unavailable: ${deps.digestsUnavailable ?? "no Redis is configured"}. Every other command still works.`,
      });
    }
    try {
      if (!digests) {
        const topic = request.action === "preview" ? request.topic : undefined;
        return previewDigest(rc, topic, deps.defaultTimeZone);
      }
      return await withTimeout(digests.handle(ctx, request, query), DIGEST_TIMEOUT_MS);
    } catch (err) {
      deps.log.error({ err: (err as Error).message, query }, "digest command failed");
      return errorReply(rc, {
        code: "unavailable",
        message: `Digests are unavailable right now (${(err as Error).message}). Every other command still works.`,
      });
    }
  }

  return async (ctx, input) => {
    const asDigest = digestOptions(input);
    if (asDigest) return digest(ctx, asDigest.options, asDigest.query);
    return "text" in input
      ? answerText(deps.corpus, input.text)
      : answerOptions(deps.corpus, input.command, input.options);
  };
}
