import { readFileSync } from "node:fs";
import type { FigureGroup, FigureValue } from "../../src/core/corpus/schema.ts";
import { QualifiersFile, type QualifierTable } from "../../src/core/corpus/schema.ts";
import { BUNDLED_DATA_DIR } from "../../src/corpus/files.ts";

/** The bundled qualifier table, as the corpus loads it. */
export const QUALIFIERS: QualifierTable = QualifiersFile.parse(
  JSON.parse(readFileSync(`${BUNDLED_DATA_DIR}/qualifiers.json`, "utf8")),
);

const cite = { article: "a", quote: "quote" };

/** A figure value with placeholder citation. */
export function value(v: Partial<FigureValue> & { text: string }): FigureValue {
  return { qualifier: null, attributedTo: [], citation: cite, ...v };
}

/** A figure group of `values` in `unit`. */
export function group(values: FigureValue[], unit = "people"): FigureGroup {
  return {
    id: "g",
    measure: "m",
    unit,
    topics: ["t"],
    about: { actors: [], attacks: [] },
    values,
  };
}
