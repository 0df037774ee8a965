import { field } from "../reply/build.ts";
import type { Field } from "../reply/schema.ts";
import { parenthetical } from "../text/parenthetical.ts";

/** A name no article has as written says so, and why the editors chose it. */
export function editorNameFields(record: { nameReason?: string | undefined }): Field[] {
  return record.nameReason
    ? [field("Name", `chosen by the editors ${parenthetical(record.nameReason)}`)]
    : [];
}
