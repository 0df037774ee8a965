import { z } from "zod";
import {
  ActorOut,
  AnswerData,
  ArticleOut,
  AttackOut,
  DateOut,
  EventOut,
  FigureData,
  FigureRef,
  FigureValueData,
  PerpetratorOut,
  PlaceOut,
  Ref,
  RelationOut,
  WhenOut,
} from "./data-schema.ts";
import {
  AnswerBody,
  FigureOut,
  Item,
  More,
  REPLY_SCHEMA,
  Reply,
  ReplyCitation,
  ReplyError,
  Section,
  Suggestion,
  Understood,
} from "./schema.ts";

/** Where the JSON Schema of the reply contract is committed, by its version. */
export const REPLY_SCHEMA_FILE = `schema/reply.v${REPLY_SCHEMA}.schema.json`;

/** The parts a reader of the schema meets more than once, under names of their own in `$defs`. */
const NAMED: Record<string, z.ZodType> = {
  Date: DateOut,
  When: WhenOut,
  Place: PlaceOut,
  Ref,
  FigureRef,
  Actor: ActorOut,
  Relation: RelationOut,
  Perpetrator: PerpetratorOut,
  FigureValue: FigureValueData,
  FigureData,
  Attack: AttackOut,
  Event: EventOut,
  Article: ArticleOut,
  AnswerData,
  AnswerBody,
  Citation: ReplyCitation,
  Item,
  Section,
  Figure: FigureOut,
  Suggestion,
  More,
  Error: ReplyError,
  Understood,
};

/**
 * The reply contract as a JSON Schema (draft 2020-12), generated from the zod definitions so the
 * two cannot drift: `npm run schema` writes it, a test fails when the committed file is stale.
 * Zod refinements (an answer's data is of its kind) are not expressible there and are left out.
 */
export function replyJsonSchema(): Record<string, unknown> {
  const names = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(NAMED)) names.add(schema, { id });
  return {
    ...z.toJSONSchema(Reply, {
      target: "draft-2020-12",
      io: "output",
      unrepresentable: "throw",
      metadata: names,
    }),
    $id: `https://factdesk.invalid/${REPLY_SCHEMA_FILE}`,
    title: `Factdesk reply, schema ${REPLY_SCHEMA}`,
  };
}
