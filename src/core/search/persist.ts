import type { SearchIndex } from "./bm25.ts";

// Part of the saved file's identity: bump it whenever tokenising, passage splitting or scoring
// changes, so a saved index built by older code is rebuilt rather than misread.
const FORMAT = 2;

/**
 * Lays the index out as one buffer: a JSON header (terms) then the typed arrays, 4-byte aligned,
 * so loading is a copy-free view instead of a rebuild.
 */
export function encodeSearchIndex(index: SearchIndex): Buffer {
  const header = Buffer.from(
    JSON.stringify({ format: FORMAT, terms: [...index.terms.keys()] }),
    "utf8",
  );
  const headerSize = Math.ceil((4 + header.length) / 4) * 4;
  const passages = new Uint32Array(index.passages.length * 3);
  index.passages.forEach((p, i) => {
    passages.set([p.article, p.start, p.end], i * 3);
  });
  const sizes = new Uint32Array([index.offsets.length, index.docs.length, passages.length]);
  const out = Buffer.alloc(
    headerSize + 12 + (index.offsets.length + index.docs.length * 2 + passages.length) * 4,
  );
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let at = headerSize;
  for (const array of [sizes, index.offsets, index.docs, index.impacts, passages]) {
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
    // Copy into an aligned buffer of our own: Node may hand back a slice at any offset.
    const body = new Uint8Array(buffer.length - Math.ceil((4 + headerLength) / 4) * 4);
    body.set(buffer.subarray(buffer.length - body.length));
    const sizes = new Uint32Array(body.buffer, 0, 3);
    const [nOffsets, nDocs, nPassages] = [
      sizes[0] as number,
      sizes[1] as number,
      sizes[2] as number,
    ];
    let at = 12;
    const take = <T>(make: (b: ArrayBuffer, o: number, n: number) => T, n: number): T => {
      const array = make(body.buffer, at, n);
      at += n * 4;
      return array;
    };
    const offsets = take((b, o, n) => new Uint32Array(b, o, n), nOffsets);
    const docs = take((b, o, n) => new Uint32Array(b, o, n), nDocs);
    const impacts = take((b, o, n) => new Float32Array(b, o, n), nDocs);
    const flat = take((b, o, n) => new Uint32Array(b, o, n), nPassages);
    const passages = [];
    for (let i = 0; i < flat.length; i += 3) {
      passages.push({
        article: flat[i] as number,
        start: flat[i + 1] as number,
        end: flat[i + 2] as number,
      });
    }
    const terms = new Map<string, number>();
    header.terms.forEach((t, i) => {
      terms.set(t, i);
    });
    return { passages, terms, offsets, docs, impacts };
  } catch {
    return null;
  }
}
