import { stemmer } from "stemmer";

// Words too common to rank by; dropping them keeps posting lists short on a large archive.
const STOP_WORDS = new Set(
  (
    "a about after again against all also am an and any are as at be because been before being " +
    "between both but by can could did do does doing down during each even few for from further " +
    "had has have having he her here hers him his how i if in into is it its itself just me more " +
    "most my no nor not now of off on once only or other our out over own said same says she " +
    "should so some such than that the their them then there these they this those through to " +
    "too under until up very was we were what when where which while who whom why will with " +
    "would you your us tell show list"
  ).split(" "),
);

// Irregular past forms folded to the verb the stemmer knows, so "leads" finds "led". Past
// participles that are also common adjectives or nouns ("left", "born") are left alone.
const IRREGULAR = new Map(
  Object.entries({
    led: "lead",
    fled: "flee",
    fought: "fight",
    took: "take",
    taken: "take",
    began: "begin",
    begun: "begin",
    held: "hold",
    won: "win",
    went: "go",
    gone: "go",
    told: "tell",
    thought: "think",
    brought: "bring",
    became: "become",
    grew: "grow",
    grown: "grow",
    made: "make",
    found: "find",
    sought: "seek",
    met: "meet",
    struck: "strike",
    shot: "shoot",
    fell: "fall",
    fallen: "fall",
    rose: "rise",
    risen: "rise",
    knew: "know",
    known: "know",
    saw: "see",
    seen: "see",
    gave: "give",
    given: "give",
    wrote: "write",
    written: "write",
    spoke: "speak",
    spoken: "speak",
    chose: "choose",
    chosen: "choose",
    built: "build",
    sent: "send",
    spent: "spend",
    lost: "lose",
    paid: "pay",
    kept: "keep",
    stood: "stand",
    caught: "catch",
    taught: "teach",
    bought: "buy",
    threw: "throw",
    thrown: "throw",
    flew: "fly",
    hid: "hide",
    hidden: "hide",
    withdrew: "withdraw",
    withdrawn: "withdraw",
    ran: "run",
  }),
);

/** "US" the country, written in capitals, is not the pronoun, nor "use" once stemmed. */
const US = "usa";

export interface Token {
  term: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

function termOf(word: string): string | null {
  if (word === "US") return US;
  const folded = word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  if (STOP_WORDS.has(folded)) return null;
  if (/^\d+$/.test(folded)) return folded;
  return stemmer(IRREGULAR.get(folded) ?? folded);
}

/** Index terms of a text with their character offsets: folded, stop words out, stemmed. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = termOf(m[0]);
    if (term) tokens.push({ term, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** Just the terms, deduplicated in order: what a query asks for. */
export function queryTerms(text: string): string[] {
  return [...new Set(tokenize(text).map((t) => t.term))];
}
