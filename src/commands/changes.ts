import { z } from "zod";
import { changesAnswer, type PublishedLabel } from "../core/answers/changes.ts";
import { corpusChanges } from "../core/changes.ts";
import { corpusLabel, type Release } from "../core/release.ts";
import { errorReply } from "../core/reply/build.ts";
import type { Reply } from "../core/reply/schema.ts";
import { fail, ok, type Result } from "../core/result.ts";
import { type CommandContext, defineCommand } from "./command.ts";

const USAGE = "changes [since <version or date>]";

const labelled = (r: Release): PublishedLabel => ({
  label: corpusLabel(r, ""),
  note: r.note,
  by: r.by,
});

type Since = { seq: number } | { dayStart: number };

// Loaded on the first day read: it is ~150 ms of every start-up otherwise, and few answers need it.
let chronoModule: Promise<typeof import("chrono-node")> | undefined;

/**
 * What `since` names: a sequence number ("v3", "3"), or a day as people write it ("2024-04-12",
 * "12 April 2024", "yesterday"), read against `now`; null when it is neither.
 */
export async function readSince(since: string, now: number): Promise<Since | null> {
  const seq = /^v?(\d{1,9})$/i.exec(since.trim())?.[1];
  if (seq !== undefined) return { seq: Number(seq) };
  chronoModule ??= import("chrono-node");
  const chrono = await chronoModule;
  const day = chrono.parse(since, new Date(now), { forwardDate: false })[0]?.start;
  if (!day) return null;
  const [year, month, date] = [day.get("year"), day.get("month"), day.get("day")];
  if (year === null || month === null || date === null) return null;
  return { dayStart: Date.UTC(year, month - 1, date) };
}

/**
 * The version to compare with: the one before the current by default, the numbered one, or the
 * version that was current when a day (UTC) began. Null: nothing earlier.
 */
async function baseOf(
  releases: readonly Release[],
  current: Release,
  since: string | undefined,
  now: number,
): Promise<Result<Release | null, string>> {
  const earlier = releases.filter((r) => r.seq <= current.seq);
  if (since === undefined) return ok(earlier.findLast((r) => r.seq < current.seq) ?? null);
  const read = await readSince(since, now);
  if (!read) return fail(`"${since}" is neither a version (v3) nor a date (2024-04-12).`);
  if ("seq" in read) {
    const found = earlier.find((r) => r.seq === read.seq);
    return found
      ? ok(found)
      : fail(`There is no published version ${read.seq}; the current one is v${current.seq}.`);
  }
  return ok(earlier.findLast((r) => Date.parse(r.publishedAt) < read.dayStart) ?? null);
}

async function run(ctx: CommandContext, since: string | undefined): Promise<Reply> {
  const { history } = ctx.services;
  const current = ctx.snapshot.release;
  if (!history || !current) {
    return errorReply(ctx, {
      code: "unavailable",
      message:
        "This corpus was read from a directory rather than published, so there is no earlier version to compare it with. Versions published with `npm run corpus:publish` each list what they changed here.",
    });
  }
  const releases = await history.releases();
  if (!releases.ok) {
    return errorReply(ctx, {
      code: "unavailable",
      message: `The corpus store did not answer (${releases.error.message}). Every other command still works.`,
    });
  }
  const base = await baseOf(releases.value, current, since, ctx.services.now());
  if (!base.ok) return errorReply(ctx, { code: "bad_input", message: base.error, usage: USAGE });
  if (!base.value) {
    return changesAnswer(ctx, { since: null, publishes: [], changes: null });
  }
  const before = await history.corpusAt(base.value.seq);
  if (!before.ok) {
    return errorReply(ctx, {
      code: "unavailable",
      message: `Version ${base.value.seq} could not be read (${before.error.message}).`,
    });
  }
  const baseSeq = base.value.seq;
  return changesAnswer(ctx, {
    since: labelled(base.value),
    publishes: releases.value.filter((r) => r.seq > baseSeq && r.seq <= current.seq).map(labelled),
    changes: corpusChanges(before.value, ctx.snapshot.corpus),
  });
}

export const changes = defineCommand({
  name: "changes",
  summary: "What the latest publishes added, revised and withdrew, each with its citation.",
  usage: USAGE,
  examples: ["changes", "changes since v3", "changes since 12 April 2024"],
  options: [
    {
      name: "since",
      description:
        "A version (v3) or a date (2024-04-12, 12 April, yesterday); default: the version before this one",
      required: false,
    },
  ],
  reanswerable: true,
  unavailable: "The corpus store did not answer in time. Every other command still works.",
  schema: z.strictObject({ since: z.string().max(40, "give a version or a date").optional() }),
  fromText: (text): Record<string, string> => {
    const since = text.replace(/^since\b\s*/i, "").trim();
    return since ? { since } : {};
  },
  run: (ctx, { since }) => run(ctx, since),
});
