import type { CorpusProblem } from "../corpus/problem.ts";
import type { FigureGroup, FigureValue, QualifierTable } from "../corpus/schema.ts";
import { qualifierMeaning, statedNumbers } from "./parse.ts";
import { judge } from "./verdict.ts";

// The figure checks of the corpus check: each value's qualifier means something the verdicts
// know, its number is the number its own text states, and a curator's override overrides.

/** Why the value's number is not the one its text states; null when it is. */
function numberProblem(v: FigureValue): string | null {
  const stated = statedNumbers(v.text);
  const low = v.low ?? v.value;
  const high = v.high ?? v.value;
  if (low === undefined || high === undefined) return null;
  const wanted = low === high ? String(low) : `${low} to ${high}`;
  if (stated.length === 0) {
    // "a man was shot" is one person, but the reading must be written down.
    return v.derived
      ? null
      : `"${v.text}" states no number; say in "derived" how ${wanted} is read`;
  }
  if (stated.some((s) => s.low === low && s.high === high)) return null;
  const says = stated.map((s) => (s.low === s.high ? s.low : `${s.low} to ${s.high}`)).join(", ");
  return `"${v.text}" states ${says}, not ${wanted}`;
}

function qualifierProblem(v: FigureValue, unit: string, table: QualifierTable): string | null {
  if (v.qualifier === null) return null;
  const meaning = qualifierMeaning(table, v.qualifier);
  if (!meaning) return `qualifier "${v.qualifier}" is not in qualifiers.json`;
  if (meaning.kind === "period" && unit !== "year") {
    return `"${v.qualifier}" qualifies a year, but the unit is ${unit}`;
  }
  const hasNumber = v.value !== undefined || v.low !== undefined;
  if (!hasNumber && meaning.kind !== "quantity") {
    return `"${v.qualifier}" needs a number to qualify`;
  }
  return null;
}

/** An override that says what the values already say would hide a later change of verdict. */
function overrideProblems(g: FigureGroup, table: QualifierTable): CorpusProblem[] {
  if (!g.override || judge(g, table).computed !== g.override.verdict) return [];
  return [
    {
      code: "corpus.redundant_override",
      file: "figures.json",
      record: g.id,
      path: "override.verdict",
      message: `the values already read as "${g.override.verdict}"; remove the override`,
    },
  ];
}

export function checkFigures(
  figures: readonly FigureGroup[],
  table: QualifierTable,
): CorpusProblem[] {
  return figures.flatMap((g) => [
    ...overrideProblems(g, table),
    ...g.values.flatMap((v, i) => {
      const found = [
        ["corpus.number_mismatch", "value", numberProblem(v)],
        ["corpus.unknown_qualifier", "qualifier", qualifierProblem(v, g.unit, table)],
      ] as const;
      return found.flatMap(([code, field, message]) =>
        message === null
          ? []
          : [{ code, file: "figures.json", record: g.id, path: `values.${i}.${field}`, message }],
      );
    }),
  ]);
}
