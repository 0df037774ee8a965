import { queryTerms } from "../search/tokenize.ts";

/** The commands a plain question can be answered by. */
export type QuestionKind = "figure" | "actor" | "attack" | "disputes" | "search";

export interface QuestionForm {
  /** Matches the start of the question, lower-cased and without punctuation. */
  pattern: RegExp;
  /** How likely each kind of record is the subject, for questions of this form. */
  weights?: Partial<Record<"figure" | "actor" | "attack", number>>;
  /** Only figures in these units answer the form ("when" asks for a year, not a count). */
  units?: readonly string[];
  /** Share of the question's words a record must have to be its subject (default a half). */
  minScore?: number;
  /** A form that needs no subject: always this command. */
  fixed?: QuestionKind;
  label: string;
}

// The forms a reporter's question takes, first match wins. Figures answer "how many" and
// "when was … founded"; actors "who leads"; attacks "who claimed" and "what happened at".
export const QUESTION_FORMS: readonly QuestionForm[] = [
  {
    pattern:
      /^(where|what|which) (do|does|did) (the )?(sources|articles|outlets) (disagree|differ)\b.*$/,
    fixed: "disputes",
    label: "figures the sources disagree on",
  },
  {
    pattern: /^(what (figures|numbers) are (disputed|contested)|disputed figures)\b.*$/,
    fixed: "disputes",
    label: "figures the sources disagree on",
  },
  {
    pattern:
      /^(how (many|much|old|long|large|big)|what (share|proportion|percentage|fraction|number|year)( of)?|number of|what (is|was|were|are) the(?= (number|share|death toll|toll|population|size)))\b/,
    weights: { figure: 1, attack: 0.3, actor: 0.2 },
    label: "a figure",
  },
  {
    pattern: /^(when (was|were|did|is|are)|in what year|since when)\b/,
    weights: { figure: 1, attack: 0.9, actor: 0.3 },
    units: ["year"],
    label: "a date",
  },
  {
    pattern:
      /^who (claimed|was behind|is behind|carried out|committed|attacked|did|killed|bombed|was responsible for|is responsible for)\b/,
    weights: { attack: 1, actor: 0.5, figure: 0.2 },
    label: "an attack",
  },
  {
    pattern: /^what happened (at|in|on|to)\b/,
    weights: { attack: 1, actor: 0.4, figure: 0.3 },
    label: "an attack",
  },
  {
    pattern:
      /^(who (leads|led|heads|headed|runs|commands|is the (leader|head|chief|emir) of)|what is the (leader|head) of)\b/,
    weights: { actor: 1, attack: 0.2, figure: 0.2 },
    label: "an actor",
  },
  {
    pattern: /^(who|what) (is|are|was|were)\b/,
    weights: { actor: 1, attack: 0.7, figure: 0.3 },
    label: "an actor",
  },
  {
    pattern: /^where (is|are|was|were|do|does|did)\b/,
    weights: { actor: 1, attack: 0.8, figure: 0.3 },
    label: "a place",
  },
  {
    // "is the taliban a rival of iskp": two names and a relation word, so a third is enough.
    pattern: /^(is|are|was|were|does|do|did|tell me about|what about|what do we know about)\b/,
    weights: { actor: 1, attack: 0.8, figure: 0.5 },
    minScore: 0.3,
    label: "an actor",
  },
];

// Words a reporter uses for what the records word otherwise: each group meets on its first word.
const SYNONYMS: readonly (readonly string[])[] = [
  ["killed", "died", "dead", "death", "deaths", "toll", "fatalities", "victims"],
  ["injured", "wounded", "hurt", "injuries"],
  ["founded", "established", "formed", "created", "origin", "appeared"],
  ["fighters", "members", "militants", "strength", "size"],
  ["attackers", "gunmen", "perpetrators", "assailants", "terrorists"],
  ["living", "live", "lives in", "diaspora"],
  ["migrants", "migrant", "workers", "immigrants"],
  ["remittances", "money sent home"],
  ["citizenship", "passports", "naturalised", "naturalized"],
  ["leader", "leads", "head", "chief", "emir"],
];

/** Stemmed term → the term its synonym group meets on. */
export const SAME_MEANING: ReadonlyMap<string, string> = new Map(
  SYNONYMS.flatMap(([first, ...rest]) => {
    const to = queryTerms(first as string)[0] as string;
    return rest.flatMap((word) => queryTerms(word).map((term) => [term, to] as const));
  }).filter(([from, to]) => from !== to),
);
