import { createHash } from "node:crypto";
import { attribution } from "./answers/attribution.ts";
import { eventLine } from "./answers/event-line.ts";
import type { Citation } from "./corpus/schema.ts";
import type { Corpus, LoadedArticle } from "./corpus/types.ts";
import { canonicalJson } from "./corpus/version.ts";

/** What a stable id names: one sourced sentence a reader could have been shown. */
export interface Statement {
  id: string;
  kind: "fact" | "relation" | "perpetrator" | "figure-value" | "event";
  /** The record it belongs to (actor, attack, figure group), or the relation's subject. */
  record: string;
  /** The statement as answers word it. */
  text: string;
  citations: readonly Citation[];
  /** The actors it is about, so a digest on a topic keeps to it. */
  actors: readonly string[];
  /** Canonical content: two versions of a statement differ exactly when these do. */
  content: string;
  /** A short hash of `content`: what a digest remembers of a statement it showed. */
  fingerprint: string;
  /** The curator's reason for its latest revision, when given. */
  correction?: string;
}

type Draft = Omit<Statement, "fingerprint">;

/** What a statement states: its correction reason is about it, so changing only that revises nothing. */
const stated = <T extends { correction?: string }>({ correction: _, ...rest }: T) =>
  canonicalJson(rest);
const reason = (r: { correction?: string }) => (r.correction ? { correction: r.correction } : {});

const fingerprint = (content: string) =>
  createHash("sha256").update(content).digest("hex").slice(0, 12);

/** Every statement of a corpus by its stable id. */
export function statementsOf(corpus: Corpus): Map<string, Statement> {
  const name = (id: string) => corpus.actorById.get(id)?.name ?? id;
  const all: Draft[] = [
    ...[...corpus.actors, ...corpus.attacks, ...corpus.events].flatMap((r) =>
      r.facts.map((f) => ({
        id: f.id,
        kind: "fact" as const,
        record: r.id,
        text: f.text,
        citations: f.citations,
        actors:
          "perpetrators" in r
            ? r.perpetrators.map((p) => p.actor)
            : "actors" in r
              ? r.actors.map((a) => a.actor)
              : [r.id],
        content: stated(f),
        ...reason(f),
      })),
    ),
    ...corpus.relations.map((r) => ({
      id: r.id,
      kind: "relation" as const,
      record: r.subject,
      text: `${name(r.subject)} ${r.type.replaceAll("-", " ")} ${name(r.object)}`,
      citations: r.citations,
      actors: [r.subject, r.object],
      content: stated(r),
      ...reason(r),
    })),
    ...corpus.attacks.flatMap((a) =>
      a.perpetrators.map((p) => ({
        id: p.id,
        kind: "perpetrator" as const,
        record: a.id,
        text: `${a.name}: ${name(p.actor)} ${attribution(corpus, p)}`,
        citations: p.citations,
        actors: [p.actor],
        content: stated(p),
        ...reason(p),
      })),
    ),
    ...corpus.events.map(({ facts: _, ...e }) => ({
      id: e.id,
      kind: "event" as const,
      record: e.id,
      text: eventLine({ ...e, facts: [] }),
      citations: e.citations,
      actors: e.actors.map((a) => a.actor),
      // Its facts are statements of their own.
      content: stated(e),
      ...reason(e),
    })),
    ...corpus.figures.flatMap((g) =>
      g.values.map((v) => ({
        id: v.id,
        kind: "figure-value" as const,
        record: g.id,
        text: `${g.measure}: ${v.text}`,
        citations: [v.citation],
        actors: g.about.actors,
        content: stated({ ...v, unit: g.unit }),
        ...reason(v),
      })),
    ),
  ];
  return new Map(all.map((s) => [s.id, { ...s, fingerprint: fingerprint(s.content) }]));
}

/** What one published version changed against an earlier one, statement by statement. */
export interface CorpusChanges {
  articlesAdded: LoadedArticle[];
  articlesWithdrawn: LoadedArticle[];
  added: Statement[];
  revised: { before: Statement; after: Statement }[];
  withdrawn: Statement[];
}

export function corpusChanges(before: Corpus, after: Corpus): CorpusChanges {
  const old = statementsOf(before);
  const now = statementsOf(after);
  const revised: CorpusChanges["revised"] = [];
  const added: Statement[] = [];
  for (const [id, statement] of now) {
    const was = old.get(id);
    if (!was) added.push(statement);
    else if (was.content !== statement.content) revised.push({ before: was, after: statement });
  }
  return {
    articlesAdded: after.articles.filter((a) => !before.articleById.has(a.id)),
    articlesWithdrawn: before.articles.filter((a) => !after.articleById.has(a.id)),
    added,
    revised,
    withdrawn: [...old.values()].filter((s) => !now.has(s.id)),
  };
}

/** Whether nothing a reader could see changed. */
export function noChanges(c: CorpusChanges): boolean {
  return (
    c.articlesAdded.length +
      c.articlesWithdrawn.length +
      c.added.length +
      c.revised.length +
      c.withdrawn.length ===
    0
  );
}

/**
 * One statement's revision in words, as `changes`, digests and corrections put it: what was said,
 * what it reads now or that it was withdrawn, and why when a reason is known.
 */
export function revisionText(was: string, now: Statement | undefined, why?: string): string {
  const what = now ? `"${was}" now reads "${now.text}"` : `"${was}" is no longer in the corpus`;
  return why ? `${what}. Why: ${why}` : what;
}
