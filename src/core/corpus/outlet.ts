import type { Article } from "./schema.ts";

/** The outlet as answers name it: with the hedge wherever the text does not settle who it is. */
export function outletName(article: Pick<Article, "outlet" | "outletConfidence">): string {
  return article.outletConfidence === "certain" ? article.outlet : `${article.outlet} (likely)`;
}
