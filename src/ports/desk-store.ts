import { createHash } from "node:crypto";
import { z } from "zod";
import type { Code } from "../core/codes.ts";
import { type Failure, fail, ok, type Result } from "../core/result.ts";

export type DeskFailure = Failure<Code<"desk">>;

export const Role = z.enum(["curator", "editor"]);
export type Role = z.infer<typeof Role>;

export const AccountName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, "lower-case letters, digits, '.', '_' and '-'");

export const Account = z.object({
  name: AccountName,
  role: Role,
  /** "scrypt$N$r$p$salt$key", hex: see src/desk/passwords.ts. */
  hash: z.string().min(1),
  createdAt: z.iso.datetime(),
});
export type Account = z.infer<typeof Account>;

export const Session = z.object({
  id: z.string().regex(/^[a-f0-9]{64}$/),
  account: AccountName,
  expiresAt: z.iso.datetime(),
});
export type Session = z.infer<typeof Session>;

/** A draft's corpus files: the JSON files' texts and each article's raw text. */
export const DraftFiles = z.object({
  json: z.record(z.string(), z.string().nullable()),
  texts: z.record(z.string(), z.string().nullable()),
});

export const DeskDraft = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: z.string().min(1).max(120),
  /** The published version it was started from (or last brought up to date with). */
  base: z.number().int().positive().nullable(),
  files: DraftFiles,
  /** Why a published statement is revised or withdrawn, by record key ("figures/crocus-death-toll"). */
  reasons: z.record(z.string(), z.string()).default({}),
  createdBy: AccountName,
  updatedAt: z.iso.datetime(),
  updatedBy: AccountName,
});
export type DeskDraft = z.infer<typeof DeskDraft>;

/** One recorded change: who, when, what, before and after. */
export const HistoryEntry = z.object({
  at: z.iso.datetime(),
  by: z.string().min(1),
  /** "save", "article", "accept", "merge", "publish", "revert", "draft", "account". */
  action: z.string().min(1),
  draft: z.string().nullable(),
  /** "figures/crocus-death-toll" for a record, null for a whole draft or version. */
  record: z.string().nullable(),
  /** The published version it made, for publish and revert. */
  version: z.number().int().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  note: z.string().default(""),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A stored document with the revision a compare-and-set write names. */
export interface Stored<T> {
  rev: number;
  value: T;
}

export type Collection = "accounts" | "sessions" | "drafts" | "signins";

/** Failed sign-ins for one key (an account, an address): what the sign-in slowdown counts. */
export const SignInFailures = z.object({
  key: z.string().min(1),
  count: z.number().int().positive(),
  /** When the latest failure was, in ms since the epoch. */
  last: z.number(),
});
export type SignInFailures = z.infer<typeof SignInFailures>;

/** What the second of two writes from the same revision is told. */
export const STALE = "stale";

/**
 * The few operations a place to keep the desk's documents provides; `deskStoreOn` builds the desk
 * store's rules on them once, so memory, directory and PostgreSQL apply the same ones.
 */
export interface DeskBackend {
  readonly name: string;
  get(collection: Collection, id: string): Promise<Stored<unknown> | null>;
  list(collection: Collection): Promise<Stored<unknown>[]>;
  /** Writes when the stored revision is `rev` (0: absent); the new revision, or STALE. */
  put(
    collection: Collection,
    id: string,
    rev: number,
    value: unknown,
  ): Promise<number | typeof STALE>;
  remove(collection: Collection, id: string): Promise<boolean>;
  append(entry: HistoryEntry): Promise<void>;
  /** Every history entry, oldest first. */
  entries(): Promise<unknown[]>;
  close(): Promise<void>;
}

/** Accounts, sessions, drafts and the change history of the curation desk. */
export interface DeskStore {
  readonly name: string;
  account(name: string): Promise<Account | null>;
  accounts(): Promise<Account[]>;
  /** Adds or replaces an account. */
  putAccount(account: Account): Promise<void>;
  removeAccount(name: string): Promise<boolean>;
  putSession(session: Session): Promise<void>;
  /** The session when it exists and has not expired at `now`. */
  session(id: string, now: Date): Promise<Session | null>;
  removeSession(id: string): Promise<void>;
  /** Removes the sessions of one account: after a password reset or removal. */
  removeSessionsOf(account: string): Promise<void>;
  draft(id: string): Promise<Stored<DeskDraft> | null>;
  drafts(): Promise<Stored<DeskDraft>[]>;
  /**
   * Saves a draft read at revision `rev` (0 for a new one). A save from a revision another save
   * replaced is refused with desk.conflict, so no save silently overwrites another.
   */
  saveDraft(draft: DeskDraft, rev: number): Promise<Result<Stored<DeskDraft>, DeskFailure>>;
  removeDraft(id: string): Promise<boolean>;
  /** The failed sign-ins counted for `key`, or null when there are none. */
  signInFailures(key: string): Promise<SignInFailures | null>;
  /**
   * Counts one more failed sign-in for `key` at `at` (ms), starting from none when the last one
   * is more than `forgetMs` before it. Compare-and-set, so two desk processes both count.
   */
  failedSignIn(key: string, at: number, forgetMs: number): Promise<SignInFailures>;
  forgetSignIns(key: string): Promise<void>;
  record(entry: HistoryEntry): Promise<void>;
  /** History entries, newest first, optionally of one record, draft or version. */
  history(filter?: { record?: string; draft?: string; version?: number }): Promise<HistoryEntry[]>;
  close(): Promise<void>;
}

const parsedAll = <T>(schema: z.ZodType<T>, rows: Stored<unknown>[]): Stored<T>[] =>
  rows.flatMap((row) => {
    const parsed = schema.safeParse(row.value);
    return parsed.success ? [{ rev: row.rev, value: parsed.data }] : [];
  });

/** A key's document id: a hash, so names and addresses fit any backend's ids and no file name. */
const signInId = (key: string) => createHash("sha256").update(key).digest("hex").slice(0, 40);

export function deskStoreOn(backend: DeskBackend): DeskStore {
  const one = async <T>(schema: z.ZodType<T>, collection: Collection, id: string) => {
    const row = await backend.get(collection, id);
    if (!row) return null;
    const parsed = schema.safeParse(row.value);
    return parsed.success ? { rev: row.rev, value: parsed.data } : null;
  };
  // Accounts and sessions have one writer at a time in practice: last write wins.
  const overwrite = async (collection: Collection, id: string, value: unknown) => {
    for (;;) {
      const rev = (await backend.get(collection, id))?.rev ?? 0;
      if ((await backend.put(collection, id, rev, value)) !== STALE) return;
    }
  };
  return {
    name: backend.name,
    account: async (name) => (await one(Account, "accounts", name))?.value ?? null,
    accounts: async () =>
      parsedAll(Account, await backend.list("accounts"))
        .map((r) => r.value)
        .sort((a, b) => a.name.localeCompare(b.name)),
    putAccount: (account) => overwrite("accounts", account.name, Account.parse(account)),
    removeAccount: (name) => backend.remove("accounts", name),
    putSession: (session) => overwrite("sessions", session.id, Session.parse(session)),
    async session(id, now) {
      if (!/^[a-f0-9]{64}$/.test(id)) return null;
      const found = (await one(Session, "sessions", id))?.value ?? null;
      if (!found) return null;
      if (Date.parse(found.expiresAt) <= now.getTime()) {
        await backend.remove("sessions", id);
        return null;
      }
      return found;
    },
    removeSession: async (id) => {
      await backend.remove("sessions", id);
    },
    async removeSessionsOf(account) {
      for (const s of parsedAll(Session, await backend.list("sessions"))) {
        if (s.value.account === account) await backend.remove("sessions", s.value.id);
      }
    },
    draft: (id) => one(DeskDraft, "drafts", id),
    drafts: async () =>
      parsedAll(DeskDraft, await backend.list("drafts")).sort((a, b) =>
        b.value.updatedAt.localeCompare(a.value.updatedAt),
      ),
    async saveDraft(draft, rev) {
      const value = DeskDraft.safeParse(draft);
      if (!value.success) return fail({ code: "desk.invalid", message: "the draft is malformed" });
      const written = await backend.put("drafts", draft.id, rev, value.data);
      if (written === STALE) {
        return fail({
          code: "desk.conflict",
          message:
            rev === 0
              ? `a draft with id ${draft.id} exists already`
              : `draft "${draft.name}" was saved by someone else since you opened it`,
        });
      }
      return ok({ rev: written, value: value.data });
    },
    removeDraft: (id) => backend.remove("drafts", id),
    signInFailures: async (key) =>
      (await one(SignInFailures, "signins", signInId(key)))?.value ?? null,
    async failedSignIn(key, at, forgetMs) {
      for (;;) {
        const row = await one(SignInFailures, "signins", signInId(key));
        const previous = row && at - row.value.last <= forgetMs ? row.value.count : 0;
        const next = { key, count: previous + 1, last: at };
        if ((await backend.put("signins", signInId(key), row?.rev ?? 0, next)) !== STALE)
          return next;
      }
    },
    forgetSignIns: async (key) => {
      await backend.remove("signins", signInId(key));
    },
    record: (entry) => backend.append(HistoryEntry.parse(entry)),
    async history(filter = {}) {
      const all = (await backend.entries()).flatMap((raw) => {
        const parsed = HistoryEntry.safeParse(raw);
        return parsed.success ? [parsed.data] : [];
      });
      return all
        .filter(
          (e) =>
            (filter.record === undefined || e.record === filter.record) &&
            (filter.draft === undefined || e.draft === filter.draft) &&
            (filter.version === undefined || e.version === filter.version),
        )
        .reverse();
    },
    close: () => backend.close(),
  };
}
