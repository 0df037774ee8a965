import { readFileSync } from "node:fs";
import type { FigureGroup, FigureValue } from "../../src/core/corpus/schema.ts";
import { QualifiersFile, type QualifierTable } from "../../src/core/corpus/schema.ts";
import { BUNDLED_DATA_DIR } from "../../src/corpus/files.ts";

/** The bundled qualifier table, as the corpus loads it. */
export const QUALIFIERS: QualifierTable = QualifiersFile.parse(
  JSON.parse(readFileSync(`${BUNDLED_DATA_DIR}/qualifiers.json`, "utf8")),
);

const cite = { article: "a", quote: "quote" };

let values = 0;

/** A figure value with a placeholder citation and a fresh id. */
export function value(v: Partial<FigureValue> & { text: string }): FigureValue {
  values += 1;
  return { id: `value-${values}`, qualifier: null, attributedTo: [], citation: cite, ...v };
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
