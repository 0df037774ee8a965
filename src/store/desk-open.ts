import type { CorpusStoreSetting } from "../config.ts";
import { type Failure, fail, ok, type Result } from "../core/result.ts";
import type { DeskStore } from "../ports/desk-store.ts";
import { directoryDeskStore } from "./desk-directory.ts";
import { openPostgresDeskStore } from "./desk-postgres.ts";

/** The desk store that lives in the corpus store CORPUS_STORE names. */
export async function openDeskStore(
  setting: CorpusStoreSetting,
): Promise<Result<DeskStore, Failure<"service.unreachable">>> {
  if (setting.kind === "directory") return ok(directoryDeskStore(setting.path));
  try {
    return ok(await openPostgresDeskStore({ url: setting.url }));
  } catch (err) {
    return fail({
      code: "service.unreachable",
      message: `The corpus store (CORPUS_STORE, PostgreSQL) did not answer: ${(err as Error).message}`,
    });
  }
}
