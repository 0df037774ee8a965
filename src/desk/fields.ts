import type { z } from "zod";
import { Html, html } from "./html.ts";
import type { FieldMessage } from "./records.ts";

// A record's form, built from its corpus schema: one labelled field per leaf, fieldsets for
// objects and lists. Field names are "f." and the record path ("f.values.0.citation.quote"); a
// list keeps its length in "n.<path>", an item to drop is ticked in "x.<path>.<i>", and which
// shape a date takes (one date or a span) is "u.<path>". Reading the form back is the inverse, so
// what the server checks is exactly what the fields say.

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
}
const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

/** The schema under optional/nullable/default wrappers, and which of them it had. */
function unwrap(schema: z.ZodType) {
  let s = schema;
  let optional = false;
  let nullable = false;
  for (;;) {
    const def = defOf(s);
    if (def.type === "optional" || def.type === "default") optional = true;
    else if (def.type === "nullable") nullable = true;
    else return { schema: s, def, optional, nullable };
    s = def.innerType as z.ZodType;
  }
}

export type FormFields = Record<string, string>;

const LABELS: Record<string, string> = {
  id: "Id (a lower-case slug)",
  nameReason: "Why the editors chose this name (when no article has it as written)",
  aliases: "Aliases, as the articles write them",
  editorAliases: "Editor aliases (names no article has)",
  reason: "Reason",
  words: "Words that give the date (as the quote has them)",
  derivedFrom: "Relative words the date was worked out from",
  asOf: "As of",
  attributedTo: "Attributed to (actor ids)",
  attributedToText: "Attributed to (in words, when no actor stands for it)",
  by: "Attributed by (actor ids)",
  curatorNote: "Note for the editors only",
  correction: "Correction: why this was revised",
  derived: "Derived: how it was inferred",
  text: "Text, as it reads",
  quote: "Quote (verbatim from the article)",
  article: "Article id",
  topics: "Topics people type",
  actorsText: "Parties no actor stands for",
  outletEvidence: "Outlet evidence",
};
const LONG = new Set(["summary", "quote", "note", "curatorNote", "outletEvidence", "derived"]);

const words = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());
const labelOf = (key: string) => LABELS[key] ?? words(key);
const singular = (key: string) => words(key).replace(/ies$/, "y").replace(/s$/, "");

export const fieldName = (path: readonly string[]) => `f.${path.join(".")}`;
export const fieldId = (path: readonly string[]) => `fld-${path.join("-") || "record"}`;

/** The field a message belongs to: the longest rendered path it falls under ("" for none). */
export function fieldFor(paths: readonly string[], message: string): string {
  let best = "";
  for (const p of paths) {
    if ((message === p || message.startsWith(`${p}.`)) && p.length > best.length) best = p;
  }
  return best;
}

interface Ctx {
  messages: Map<string, FieldMessage[]>;
  /** Every path that has a field or fieldset, collected while rendering. */
  paths: string[];
  variants: Record<string, number>;
  fixedId: boolean;
}

/** The message list of one field: always there, so the script can fill it as you type. */
function errorsOf(ctx: Ctx, path: readonly string[]): { box: Html; invalid: Html } {
  const key = path.join(".");
  ctx.paths.push(key);
  const mine = ctx.messages.get(key) ?? [];
  return {
    box: html`<ul class="field-error" id="${fieldId(path)}-error" aria-live="polite">${mine.map(
      (m) =>
        html`<li>${m.path !== key ? html`<code>${m.path.slice(key.length + 1)}</code>: ` : ""}${m.message}</li>`,
    )}</ul>`,
    invalid: new Html(mine.length > 0 ? ' aria-invalid="true"' : ""),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** Which of a union's shapes a value has: the one whose fields it uses, else the last. */
function variantOf(options: z.ZodType[], value: unknown): number {
  if (!isObject(value) || Object.keys(value).length === 0) return options.length - 1;
  const at = options.findIndex((o) => {
    const shape = defOf(o).shape ?? {};
    return Object.keys(value).every((k) => Object.hasOwn(shape, k));
  });
  return at < 0 ? options.length - 1 : at;
}
function variantLabel(option: z.ZodType): string {
  const shape = defOf(option).shape ?? {};
  const literal = Object.values(shape).find((s) => defOf(s).type === "literal");
  if (literal) return String(defOf(literal).values?.[0]);
  if ("from" in shape) return "a span (from … to)";
  if ("value" in shape) return "one date";
  return Object.keys(shape).slice(0, 2).join(" and ");
}

function render(
  schema: z.ZodType,
  value: unknown,
  path: string[],
  key: string,
  ctx: Ctx,
  optionalAbove = false,
): Html {
  const u = unwrap(schema);
  const { def } = u;
  const blankable = u.optional || u.nullable || optionalAbove;
  const id = fieldId(path);
  const name = fieldName(path);
  const label = labelOf(key);
  const described = new Html(`aria-describedby="${id}-error"`);
  const leaf = (control: (invalid: Html) => Html, hint = "") => {
    const e = errorsOf(ctx, path);
    return html`<div class="field" data-path="${path.join(".")}"><label for="${id}">${label}${u.optional ? html` <span class="hint">(optional)</span>` : ""}</label>${hint ? html`<p class="hint">${hint}</p>` : ""}${control(e.invalid)}${e.box}</div>`;
  };
  switch (def.type) {
    case "string":
    case "number":
      if (key === "id" && path.length === 1 && ctx.fixedId)
        return leaf(
          (inv) =>
            html`<input id="${id}" name="${name}" value="${text(value)}" readonly ${described}${inv}>`,
          "Fixed: to rename a record, withdraw it and add a new one.",
        );
      if (LONG.has(key))
        return leaf(
          (inv) =>
            html`<textarea id="${id}" name="${name}" rows="2" ${described}${inv}>${text(value)}</textarea>`,
        );
      return leaf(
        (inv) =>
          html`<input id="${id}" name="${name}" value="${text(value)}" ${new Html(def.type === "number" ? 'inputmode="decimal"' : "")} ${described}${inv}>`,
      );
    case "boolean":
      return leaf(
        (inv) =>
          html`<input type="checkbox" id="${id}" name="${name}" ${new Html(value === true ? "checked" : "")} ${described}${inv}>`,
      );
    case "enum": {
      const entries = Object.keys(def.entries ?? {});
      return leaf(
        (inv) =>
          html`<select id="${id}" name="${name}" ${described}${inv}>${blankable || !entries.includes(text(value)) ? html`<option value="">—</option>` : ""}${entries.map(
            (o) =>
              html`<option value="${o}" ${new Html(o === value ? "selected" : "")}>${o}</option>`,
          )}</select>`,
      );
    }
    case "literal":
      return html`<input type="hidden" name="${name}" value="${String(def.values?.[0])}">`;
    case "array": {
      const element = unwrap(def.element as z.ZodType);
      const items = Array.isArray(value) ? value : [];
      if (element.def.type === "enum") {
        const e = errorsOf(ctx, path);
        const chosen = new Set(items.map(String));
        return html`<fieldset class="field" data-path="${path.join(".")}" ${described}><legend>${label}</legend>${Object.keys(
          element.def.entries ?? {},
        ).map(
          (o) =>
            html`<span class="choice"><input type="checkbox" id="${id}-${o}" name="${name}.${o}" ${new Html(chosen.has(o) ? "checked" : "")}><label for="${id}-${o}" class="inline">${o}</label></span>`,
        )}${e.box}</fieldset>`;
      }
      if (element.def.type !== "object" && element.def.type !== "union") {
        return leaf(
          (inv) =>
            html`<textarea id="${id}" name="${name}" rows="${Math.min(Math.max(items.length + 1, 2), 8)}" ${described}${inv}>${items.map(text).join("\n")}</textarea>`,
          "One a line.",
        );
      }
      const e = errorsOf(ctx, path);
      const one = singular(key).toLowerCase();
      return html`<fieldset class="list" data-path="${path.join(".")}" id="${id}" ${described}><legend>${label}</legend>
<input type="hidden" name="n.${path.join(".")}" value="${items.length}">
${items.map(
  (item, i) => html`<fieldset class="item"><legend>${singular(key)} ${i + 1}</legend>
${render(element.schema, item, [...path, String(i)], "", ctx, false)}
<div class="field"><input type="checkbox" id="${id}-${i}-remove" name="x.${path.join(".")}.${i}"><label for="${id}-${i}-remove" class="inline">Remove this ${one} on save</label></div>
</fieldset>`,
)}${e.box}
<button type="submit" class="secondary" name="intent" value="add:${path.join(".")}">Add a${/^[aeiou]/.test(one) ? "n" : ""} ${one}</button></fieldset>`;
    }
    case "union": {
      const options = def.options ?? [];
      const chosen = ctx.variants[path.join(".")] ?? variantOf(options, value);
      const option = options[chosen] as z.ZodType;
      const inner = render(option, value, path, key, ctx, blankable);
      return html`<input type="hidden" name="u.${path.join(".")}" value="${chosen}">${inner}<p class="variants">${options.map(
        (o, i) =>
          i === chosen
            ? ""
            : html`<button type="submit" class="secondary" name="intent" value="variant:${path.join(".")}:${i}">Make ${labelOf(key).toLowerCase() || "it"} ${variantLabel(o)}</button> `,
      )}</p>`;
    }
    case "object": {
      const shape = def.shape ?? {};
      const v = isObject(value) ? value : {};
      const fields = Object.entries(shape).map(([k, s]) =>
        render(s, v[k], [...path, k], k, ctx, blankable),
      );
      if (path.length === 0) return html`${fields}`;
      const e = errorsOf(ctx, path);
      // An item of a list has its legend from the list; a nested object gets its own.
      return key === ""
        ? html`${fields}${e.box}`
        : html`<fieldset class="group" data-path="${path.join(".")}" id="${id}" ${described}><legend>${label}${blankable ? html` <span class="hint">(optional: leave blank for none)</span>` : ""}</legend>${fields}${e.box}</fieldset>`;
    }
    default:
      return html`<p class="hint">${label}: edit it in the JSON view.</p>`;
  }
}

/**
 * The fields of a record, with each message next to the field it concerns; the rest (about the
 * record as a whole) come back as `general`.
 */
export function recordFields(
  schema: z.ZodType,
  value: unknown,
  options: {
    messages?: readonly FieldMessage[];
    variants?: Record<string, number>;
    fixedId: boolean;
  },
): { fields: Html; general: FieldMessage[] } {
  const messages = options.messages ?? [];
  // First pass: which paths have a field, so each message goes to the nearest one.
  const probe: Ctx = {
    messages: new Map(),
    paths: [],
    variants: options.variants ?? {},
    fixedId: options.fixedId,
  };
  render(schema, value, [], "", probe);
  const placed = new Map<string, FieldMessage[]>();
  const general: FieldMessage[] = [];
  for (const m of messages) {
    const at = fieldFor(probe.paths, m.path);
    if (at === "") general.push(m);
    else placed.set(at, [...(placed.get(at) ?? []), m]);
  }
  const ctx: Ctx = { ...probe, messages: placed, paths: [] };
  return { fields: render(schema, value, [], "", ctx), general };
}

const filled = (form: FormFields, path: readonly string[]) => {
  const name = fieldName(path);
  const list = `n.${path.join(".")}`;
  return Object.entries(form).some(
    ([k, v]) =>
      v.trim() !== "" &&
      (k === name ||
        k.startsWith(`${name}.`) ||
        (k === list && v !== "0") ||
        k.startsWith(`${list}.`)),
  );
};

function read(schema: z.ZodType, form: FormFields, path: string[]): unknown {
  const u = unwrap(schema);
  const { def } = u;
  if (u.optional && !u.nullable && !filled(form, path)) return undefined;
  const name = fieldName(path);
  const raw = (form[name] ?? "").trim();
  let value: unknown;
  switch (def.type) {
    case "string":
      value = raw;
      break;
    case "number":
      // Not a number stays text, so the schema names the field.
      value = raw === "" ? undefined : Number.isFinite(Number(raw)) ? Number(raw) : raw;
      break;
    case "boolean":
      value = form[name] === "on";
      break;
    case "enum":
      value = raw === "" ? undefined : raw;
      break;
    case "literal":
      value = def.values?.[0];
      break;
    case "array": {
      const element = unwrap(def.element as z.ZodType);
      if (element.def.type === "enum") {
        value = Object.keys(element.def.entries ?? {}).filter((o) => form[`${name}.${o}`] === "on");
      } else if (element.def.type !== "object" && element.def.type !== "union") {
        value = raw
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== "");
      } else {
        const key = path.join(".");
        const n = Math.min(Number(form[`n.${key}`] ?? 0) || 0, 1000);
        value = Array.from({ length: n }, (_, i) => i)
          .filter((i) => form[`x.${key}.${i}`] !== "on")
          .map((i) => read(element.schema, form, [...path, String(i)]));
      }
      break;
    }
    case "union": {
      const options = def.options ?? [];
      const at = Number(form[`u.${path.join(".")}`] ?? options.length - 1);
      value = read(options[Number.isInteger(at) ? at : 0] ?? (options[0] as z.ZodType), form, path);
      break;
    }
    case "object":
      value = Object.fromEntries(
        Object.entries(def.shape ?? {}).flatMap(([k, s]) => {
          const v = read(s, form, [...path, k]);
          return v === undefined ? [] : [[k, v]];
        }),
      );
      break;
    default:
      value = undefined;
  }
  if (u.nullable && (value === undefined || value === "")) return null;
  return value;
}

/** The record the fields of a posted form describe (the schema then checks it). */
export const readRecord = (schema: z.ZodType, form: FormFields): Record<string, unknown> =>
  read(schema, form, []) as Record<string, unknown>;

/** The union shapes a posted form chose, so a re-shown form keeps them. */
export function variantsOf(form: FormFields): Record<string, number> {
  return Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k.startsWith("u."))
      .map(([k, v]) => [k.slice(2), Number(v)]),
  );
}

/** A record with a blank item added to the list at `path` ("values.0.citations"). */
export function withBlankItem(record: unknown, path: string): unknown {
  const keys = path.split(".");
  const at = (v: unknown, i: number): unknown => {
    if (i === keys.length) return [...(Array.isArray(v) ? v : []), {}];
    const k = keys[i] as string;
    if (Array.isArray(v)) return v.map((x, j) => (String(j) === k ? at(x, i + 1) : x));
    const o = isObject(v) ? v : {};
    return { ...o, [k]: at(o[k], i + 1) };
  };
  return at(record, 0);
}
