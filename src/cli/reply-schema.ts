import { writeFile } from "node:fs/promises";
import { REPLY_SCHEMA_FILE, replyJsonSchema } from "../core/reply/json-schema.ts";

// npm run schema: writes the reply contract's JSON Schema, generated from the zod definitions.
await writeFile(REPLY_SCHEMA_FILE, `${JSON.stringify(replyJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${REPLY_SCHEMA_FILE}\n`);
