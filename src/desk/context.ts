import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { z } from "zod";
import type { Corpus } from "../core/corpus/types.ts";
import { validateCorpus } from "../core/corpus/validate.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { DeskDraft, DeskStore, HistoryEntry, Stored } from "../ports/desk-store.ts";
import type { SignInLimiter } from "./limiter.ts";
import type { DraftFiles } from "./records.ts";
import type { PageContext } from "./views.ts";
import * as view from "./views.ts";

export const SESSION_COOKIE = "desk_session";
const Form = z.record(z.string(), z.string());

/** What every route module shares: the stores, the clock, and the page and draft helpers. */
export function deskContext(
  app: FastifyInstance<Server, IncomingMessage, ServerResponse, Logger>,
  options: {
    corpus: CorpusStore;
    desk: DeskStore;
    now: () => Date;
    limiter: SignInLimiter;
    sessionHours: number;
  },
) {
  const { corpus: store, desk, now } = options;
  const secure = (req: FastifyRequest) => req.protocol === "https";
  const ctxOf = (req: FastifyRequest, reply: FastifyReply): PageContext => ({
    user: req.account,
    csrf: reply.generateCsrf({ secure: secure(req) }),
  });
  const send = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .code(status)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(body);
  const missing = (req: FastifyRequest, reply: FastifyReply, text: string) =>
    send(reply, view.errorPage(ctxOf(req, reply), "Not found", text), 404);

  // The published version, checked once per version.
  let cached: { seq: number; files: DraftFiles; corpus: Corpus } | null = null;
  const published = async () => {
    const current = await store.current();
    if (!current.ok) throw new Error(current.error.message);
    if (!current.value) return null;
    if (cached?.seq !== current.value.seq) {
      const files = current.value.content.files;
      const checked = validateCorpus(files);
      if (!checked.ok) throw new Error(`version ${current.value.seq} does not load`);
      cached = { seq: current.value.seq, files, corpus: checked.value.corpus };
    }
    return cached;
  };

  return {
    app,
    store,
    desk,
    now,
    limiter: options.limiter,
    sessionHours: options.sessionHours,
    secure,
    ctxOf,
    send,
    missing,
    seeOther: (reply: FastifyReply, to: string) => reply.code(303).redirect(to),
    form: (req: FastifyRequest) => {
      const parsed = Form.safeParse(req.body ?? {});
      return parsed.success ? parsed.data : {};
    },
    record: (entry: Omit<HistoryEntry, "at" | "note"> & { note?: string }) =>
      desk.record({ note: "", ...entry, at: now().toISOString() }),
    published,
    async filesAt(seq: number | null): Promise<DraftFiles> {
      if (seq === null) return { json: {}, texts: {} };
      const version = await store.get(seq);
      if (!version.ok) throw new Error(version.error.message);
      return version.value.content.files;
    },
    async versions() {
      const log = await store.log();
      if (!log.ok) throw new Error(log.error.message);
      return log.value;
    },
    async loadDraft(req: FastifyRequest, reply: FastifyReply) {
      const draft = await desk.draft((req.params as { draft: string }).draft);
      if (!draft) missing(req, reply, "There is no such draft.");
      return draft;
    },
    /** Saves the draft's new files with compare-and-set: a save in between makes it desk.conflict. */
    saveFiles: (draft: Stored<DeskDraft>, change: (d: DeskDraft) => DeskDraft, by: string) =>
      desk.saveDraft(
        { ...change(draft.value), updatedAt: now().toISOString(), updatedBy: by },
        draft.rev,
      ),
  };
}

export type Desk = ReturnType<typeof deskContext>;
