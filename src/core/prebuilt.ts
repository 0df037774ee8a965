import { z } from "zod";
import type { Corpus } from "./corpus/types.ts";
import { findMentions } from "./mentions.ts";
import { buildSearchIndex, type SearchIndex } from "./search/bm25.ts";
import { splitPassages } from "./search/passages.ts";
import { decodeSearchIndex, encodeSearchIndex } from "./search/persist.ts";

/** Which articles name each actor: indexes into the corpus's articles, in corpus order. */
export interface Mentions {
  /** The corpus version they were worked out for: another corpus's are not these. */
  version: string;
  /** How many articles that corpus had: every mention is below it. */
  articles: number;
  byActor: ReadonlyMap<string, Uint32Array>;
}

/**
 * What a version ships built, so no process that loads it works it out again: the search index,
 * and every actor's mentions. Working out mentions reads every text that may name an actor,
 * which a serving process holds packed: 55 first actor answers at 10,000 articles took 3.4 s
 * with the texts packed, 1.2 s plain, as against a read of the list.
 */
export interface Prebuilt {
  search: SearchIndex;
  mentions?: Mentions;
}

export function buildSearch(corpus: Corpus): SearchIndex {
  const texts = corpus.articles.map((a) => a.text);
  return buildSearchIndex(
    texts,
    texts.flatMap((t, i) => splitPassages(i, t)),
  );
}

/** The search index and every actor's mentions: the work of a publish, done once. */
export function buildPrebuilt(corpus: Corpus): Required<Prebuilt> {
  const search = buildSearch(corpus);
  const at = new Map(corpus.articles.map((a, i) => [a.id, i]));
  const byActor = new Map<string, Uint32Array>();
  for (const actor of corpus.actors) {
    const ids = findMentions(corpus, search, actor.id);
    byActor.set(
      actor.id,
      Uint32Array.from(ids, (id) => at.get(id) as number),
    );
  }
  return {
    search,
    mentions: { version: corpus.version, articles: corpus.articles.length, byActor },
  };
}

// "FDP1": a buffer in this layout. A bare search index (what versions held before) does not start
// with it: it is read as the search index alone, and mentions are worked out as they are asked for.
const MAGIC = 0x31504446;

const align = (n: number) => Math.ceil(n / 4) * 4;

/**
 * One buffer: the magic, the search index's length and bytes, then the mentions: a JSON header
 * (corpus version, article count, actor ids), per actor its mention count, then every mention,
 * as 32-bit words.
 */
export function encodePrebuilt({ search, mentions }: Required<Prebuilt>): Buffer {
  const index = encodeSearchIndex(search);
  const { version, articles, byActor } = mentions;
  const header = Buffer.from(JSON.stringify({ version, articles, actors: [...byActor.keys()] }));
  const lists = [...byActor.values()];
  const counts = Uint32Array.from(lists, (l) => l.length);
  const all = new Uint32Array(lists.reduce((n, l) => n + l.length, 0));
  let filled = 0;
  for (const list of lists) {
    all.set(list, filled);
    filled += list.length;
  }
  const headerAt = 8 + align(index.length);
  const countsAt = headerAt + 4 + align(header.length);
  const out = Buffer.alloc(countsAt + counts.byteLength + all.byteLength);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(index.length, 4);
  index.copy(out, 8);
  out.writeUInt32LE(header.length, headerAt);
  header.copy(out, headerAt + 4);
  Buffer.from(counts.buffer).copy(out, countsAt);
  Buffer.from(all.buffer).copy(out, countsAt + counts.byteLength);
  return out;
}

/**
 * The search index's bytes and the mentions' bytes (null in a bare search index), so a reader
 * can tell whether the index changed without decoding either.
 */
export function prebuiltParts(buffer: Buffer): { index: Buffer; mentions: Buffer | null } {
  if (buffer.length < 8 || buffer.readUInt32LE(0) !== MAGIC)
    return { index: buffer, mentions: null };
  const indexLength = buffer.readUInt32LE(4);
  return {
    index: buffer.subarray(8, 8 + indexLength),
    mentions: buffer.subarray(8 + align(indexLength)),
  };
}

const MentionsHeader = z.object({
  version: z.string(),
  articles: z.number().int().nonnegative(),
  actors: z.array(z.string()),
});

/** Reads the mentions part of encodePrebuilt's bytes; null when it is not in this layout. */
export function decodeMentions(bytes: Buffer): Mentions | null {
  try {
    const headerLength = bytes.readUInt32LE(0);
    const parsed = MentionsHeader.safeParse(
      JSON.parse(bytes.toString("utf8", 4, 4 + headerLength)),
    );
    if (!parsed.success) return null;
    const header = parsed.data;
    // A copy of our own, aligned, that keeps no larger buffer alive.
    const words = new Uint32Array(
      Uint8Array.prototype.slice.call(bytes, 4 + align(headerLength)).buffer,
    );
    const byActor = new Map<string, Uint32Array>();
    let at = header.actors.length;
    for (const [i, id] of header.actors.entries()) {
      const n = words[i] as number;
      const list = words.subarray(at, at + n);
      if (list.length !== n || list.some((a) => a >= header.articles)) return null;
      byActor.set(id, list);
      at += n;
    }
    if (at !== words.length) return null;
    return { version: header.version, articles: header.articles, byActor };
  } catch {
    return null;
  }
}

/** Reads what encodePrebuilt wrote, or a bare search index; null when it is neither. */
export function decodePrebuilt(buffer: Buffer): Prebuilt | null {
  const parts = prebuiltParts(buffer);
  const search = decodeSearchIndex(parts.index);
  if (!search) return null;
  if (!parts.mentions) return { search };
  const mentions = decodeMentions(parts.mentions);
  return mentions ? { search, mentions } : null;
}
