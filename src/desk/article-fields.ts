import type { ArticleForm } from "./articles.ts";

/** The bring-in form's plain text fields, in the order a curator fills them. */
export const ARTICLE_FIELDS: [keyof ArticleForm, string][] = [
  ["title", "Title"],
  ["outlet", "Outlet"],
  ["author", "Author (blank when none is named)"],
  ["date", "Published (YYYY-MM-DD, YYYY-MM or YYYY)"],
  ["language", "Language (two letters)"],
  ["translatedFrom", "Translated from (two letters, or blank)"],
  ["url", "URL"],
  ["id", "Id (blank: made from the title)"],
];
