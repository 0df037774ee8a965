import { type SearchIndex, withScoring } from "./bm25.ts";

// Part of the saved file's identity: bump it whenever tokenising, passage splitting, scoring or
// the layout changes, so a saved index built by older code is rebuilt rather than misread.
// 3: compressed postings with counts instead of stored scores; passages as one array.
const FORMAT = 3;

/**
 * Lays the index out as one buffer: a JSON header (terms) then the saved arrays, 4-byte aligned,
 * so loading is a copy and a few views instead of a rebuild.
 */
export function encodeSearchIndex(index: SearchIndex): Buffer {
  const header = Buffer.from(
    JSON.stringify({ format: FORMAT, terms: [...index.terms.keys()] }),
    "utf8",
  );
  const headerSize = Math.ceil((4 + header.length) / 4) * 4;
  const words = [index.offsets, index.df, index.lengths, index.spans];
  const sizes = new Uint32Array([...words.map((w) => w.length), index.postings.length]);
  const out = Buffer.alloc(
    headerSize +
      sizes.byteLength +
      words.reduce((s, w) => s + w.byteLength, 0) +
      index.postings.length,
  );
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let at = headerSize;
  for (const array of [sizes, ...words, index.postings]) {
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, at);
    at += array.byteLength;
  }
  return out;
}

/** Reads what encodeSearchIndex wrote; null when the buffer is not in this format. */
export function decodeSearchIndex(buffer: Buffer): SearchIndex | null {
  try {
    const headerLength = buffer.readUInt32LE(0);
    const header = JSON.parse(buffer.toString("utf8", 4, 4 + headerLength)) as {
      format: number;
      terms: string[];
    };
    if (header.format !== FORMAT) return null;
    // Copy into an aligned buffer of our own: Node may hand back a slice at any offset, and a
    // view would keep a larger buffer it came from alive.
    const body = new Uint8Array(buffer.length - Math.ceil((4 + headerLength) / 4) * 4);
    body.set(buffer.subarray(buffer.length - body.length));
    const sizes = new Uint32Array(body.buffer, 0, 5);
    let at = sizes.byteLength;
    const take = (n: number): Uint32Array => {
      const array = new Uint32Array(body.buffer, at, n);
      at += n * 4;
      return array;
    };
    const offsets = take(sizes[0] as number);
    const df = take(sizes[1] as number);
    const lengths = take(sizes[2] as number);
    const spans = take(sizes[3] as number);
    const postings = new Uint8Array(body.buffer, at, sizes[4] as number);
    if (
      offsets.length !== header.terms.length + 1 ||
      df.length !== header.terms.length ||
      spans.length !== lengths.length * 3 ||
      offsets[header.terms.length] !== postings.length
    ) {
      return null;
    }
    const terms = new Map<string, number>();
    header.terms.forEach((t, i) => {
      terms.set(t, i);
    });
    return withScoring({ spans, terms, offsets, postings, df, lengths });
  } catch {
    return null;
  }
}
