import { z } from "zod";
import { queryTerms } from "../search/tokenize.ts";
import { foldText } from "../text/normalize.ts";

// The schema of data/questions.json: the words a reporter's question is read by. They are the
// corpus's language data, published and checked with its records.

const words = z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, "lower-case words, single-spaced");
const word = z.string().regex(/^[a-z0-9]+$/, "one lower-case word");
const share = z.number().min(0).max(1);

/** The commands a question form can be answered by without a subject. */
export const FixedReading = z.enum(["disputes", "changes"]);
export type FixedReading = z.infer<typeof FixedReading>;

/** Parts of an answer a question can ask for first. */
export const AnswerFocus = z.enum(["perpetrators"]);
export type AnswerFocus = z.infer<typeof AnswerFocus>;

/** One form a question takes ("how many …", "who leads …"): the words it starts with. */
export const QuestionForm = z
  .strictObject({
    id: z.string().regex(/^[a-z]+(-[a-z]+)*$/, "a lower-case slug"),
    /** What the question asks for, as the answer says it understood it. */
    label: z.string().min(1),
    /** The question's opening words, folded as foldText folds them; the longest match wins. */
    starts: z.array(words).min(1),
    /** Its openings' words also say what is asked about ("how old", "what was the death toll"). */
    keep: z.boolean().default(false),
    /** A form that needs no subject: always this reading. */
    fixed: FixedReading.optional(),
    /** How likely each kind of record is the subject, for questions of this form. */
    weights: z
      .strictObject({
        figure: share.optional(),
        actor: share.optional(),
        attack: share.optional(),
        event: share.optional(),
      })
      .optional(),
    /** Only figures in these units answer the form ("when" asks for a year, not a count). */
    units: z.array(z.string().min(1)).min(1).optional(),
    /** Figures in these units never answer the form ("how many" asks for a count, not a year). */
    skipUnits: z.array(z.string().min(1)).min(1).optional(),
    /** Share of the question's words a record must have to be its subject (default a half). */
    minScore: share.optional(),
    /** The part of the answer the form asks for, shown first ("who claimed": the perpetrators). */
    focus: AnswerFocus.optional(),
  })
  .refine((f) => (f.fixed === undefined) !== (f.weights === undefined), {
    message: "a form is either fixed or weighs the kinds of record",
    path: ["weights"],
  });
export type QuestionForm = z.infer<typeof QuestionForm>;

/** Every word or phrase whose key occurs more than once across the lists, with where. */
function duplicates(
  lists: ReadonlyArray<{ path: (string | number)[]; items: readonly string[] }>,
  keyOf: (text: string) => string = foldText,
): Array<{ path: (string | number)[]; text: string }> {
  const seen = new Set<string>();
  const found: Array<{ path: (string | number)[]; text: string }> = [];
  for (const { path, items } of lists) {
    items.forEach((text, i) => {
      const key = keyOf(text);
      if (seen.has(key)) found.push({ path: [...path, i], text });
      seen.add(key);
    });
  }
  return found;
}

export const QuestionsFile = z
  .strictObject({
    forms: z.array(QuestionForm).min(1),
    /**
     * Words a reporter uses for what the records word otherwise: each group means its first word,
     * which the records have. Phrases of several words are read as one; "=attackers" means that
     * word only, not every word of its stem ("attack").
     */
    synonyms: z.array(
      z
        .array(z.union([words, z.string().regex(/^=[a-z0-9]+$/, "=word: this word only")]))
        .min(2, "a group needs a word and at least one other for it")
        .refine((group) => !group[0]?.includes(" "), {
          message: "a group's first word is one word",
          path: [0],
        }),
    ),
    /** Words that say nothing about the subject ("tell me", "please"): not matched against records. */
    ignore: z.array(word),
    /** Letters of other scripts and how names in them are spelt in the texts (Cyrillic). */
    letters: z.record(
      z.string().length(1, "one letter"),
      z.string().regex(/^[a-z]*$/, "lower-case Latin letters"),
    ),
  })
  .superRefine((file, ctx) => {
    const report = (what: string, found: ReturnType<typeof duplicates>) => {
      for (const { path, text } of found) {
        ctx.addIssue({ code: "custom", path, message: `${what} "${text}" is listed twice` });
      }
    };
    report(
      "question opening",
      duplicates(file.forms.map((f, i) => ({ path: ["forms", i, "starts"], items: f.starts }))),
    );
    report(
      "form id",
      duplicates([{ path: ["forms"], items: file.forms.map((f) => f.id) }]).map((d) => ({
        ...d,
        path: [...d.path, "id"],
      })),
    );
    // Synonyms meet as search terms, so "arrest" and "arrests" are one word twice.
    const terms = (text: string) => (text.startsWith("=") ? text : queryTerms(text).join(" "));
    report(
      "synonym",
      duplicates(
        file.synonyms.map((items, i) => ({ path: ["synonyms", i], items })),
        terms,
      ),
    );
    file.synonyms.forEach((group, i) => {
      group.forEach((text, j) => {
        if (terms(text) === "") {
          ctx.addIssue({
            code: "custom",
            path: ["synonyms", i, j],
            message: `"${text}" has only words too common to match, so it would never be read`,
          });
        }
      });
    });
    report("ignored word", duplicates([{ path: ["ignore"], items: file.ignore }]));
  });
export type QuestionWords = z.infer<typeof QuestionsFile>;
