import { sourcesAnswer } from "../answers/sources.ts";
import type { ReplyContext } from "../reply/build.ts";
import type { Reply } from "../reply/schema.ts";

/**
 * "What changed?", answered honestly: the corpus keeps one version and no record of earlier ones,
 * so there is nothing to compare; the answer says so and lists what this version holds. When
 * versions are kept, the changes between them are answered here.
 */
export function changesAnswer(ctx: ReplyContext): Reply {
  const reply = sourcesAnswer(ctx);
  if (!reply.ok) return reply;
  const { corpus } = ctx.snapshot;
  return {
    ...reply,
    answer: {
      ...reply.answer,
      title: "What changed",
      summary: `Nothing to compare yet: Factdesk keeps one version of its corpus (${corpus.version}) and no record of earlier ones, so it cannot say what changed. This version holds these ${corpus.articles.length} articles.`,
    },
  };
}
