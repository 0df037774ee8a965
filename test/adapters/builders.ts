import type { ReplyCitation } from "../../src/core/reply/schema.ts";

/** A citation numbered `id`, with plain placeholder text unless `extra` says otherwise. */
export function citation(id: number, extra: Partial<ReplyCitation> = {}): ReplyCitation {
  return {
    id,
    articleId: `a${id}`,
    outlet: `Outlet ${id}`,
    title: `Title ${id}`,
    published: {
      value: "2024-03-23",
      precision: "day",
      qualifier: null,
      estimated: false,
      derived: false,
      label: "23 Mar 2024",
    },
    url: null,
    quote: `Quote number ${id}, verbatim.`,
    ...extra,
  };
}
