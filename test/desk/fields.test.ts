import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/core/corpus/version.ts";
import { readRecord, recordFields, withBlankItem } from "../../src/desk/fields.ts";
import { KINDS, type Kind, recordsOf } from "../../src/desk/records.ts";
import { testDrafts } from "../support/drafts.ts";
import { formFields } from "./support.ts";

const formOf = (kind: Kind, value: unknown) =>
  `<form method="post" action="/r">${recordFields(KINDS[kind].schema, value, { fixedId: true }).fields.text}</form>`;

describe("desk: a record's fields", () => {
  it("reads every record of the corpus back from its own fields unchanged (defaults filled)", async () => {
    const files = (await testDrafts()).first.content.files;
    let count = 0;
    for (const kind of Object.keys(KINDS) as Kind[]) {
      for (const record of recordsOf(files, kind)) {
        const parsed = KINDS[kind].schema.parse(record);
        const fields = formFields(formOf(kind, record), "/r");
        const read = KINDS[kind].schema.parse(readRecord(KINDS[kind].schema, fields));
        expect(canonicalJson(read)).toBe(canonicalJson(parsed));
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it("labels every field and ties it to its message list", () => {
    const { fields } = recordFields(
      KINDS.figures.schema,
      { id: "x", values: [{ citation: { article: "a", quote: "q" } }] },
      {
        fixedId: false,
        messages: [
          { path: "values.0.citation.quote", message: "quote does not occur verbatim" },
          { path: "", message: "about the whole record" },
        ],
      },
    );
    const body = fields.text;
    for (const m of body.matchAll(/<(input|select|textarea) id="([^"]+)"(?![^>]*type="hidden")/g))
      expect(body).toContain(`<label for="${m[2]}"`);
    expect(body).toMatch(
      /id="fld-values-0-citation-quote"[^>]*aria-describedby="fld-values-0-citation-quote-error"[^>]*aria-invalid="true"/,
    );
    expect(body).toMatch(/id="fld-values-0-citation-quote-error"[^>]*>\s*<li>quote does not occur/);
  });

  it("leaves blank optional parts out, and reads blank nullable ones as null", () => {
    const value = readRecord(KINDS.figures.schema, {
      "f.id": "x",
      "f.values.0.asOf.value": "",
      "f.values.0.asOf.precision": "",
      "f.values.0.qualifier": "",
      "f.values.0.value": "12",
      "n.values": "1",
    });
    // Required text stays, blank, for the schema to name; the optional as-of is left out.
    expect(value.values).toEqual([
      { id: "", value: 12, qualifier: null, text: "", citation: { article: "", quote: "" } },
    ]);
  });

  it("adds a blank item to a nested list, and drops a ticked one", () => {
    expect(withBlankItem({ values: [{ id: "a" }] }, "values")).toEqual({
      values: [{ id: "a" }, {}],
    });
    const value = readRecord(KINDS.actors.schema, {
      "n.editorAliases": "2",
      "f.editorAliases.0.name": "A",
      "f.editorAliases.1.name": "B",
      "x.editorAliases.0": "on",
    });
    expect(value.editorAliases).toEqual([{ name: "B", reason: "" }]);
  });
});
