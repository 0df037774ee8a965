import type { CorpusStoreSetting } from "../config.ts";
import { type Failure, fail, ok, type Result } from "../core/result.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import { directoryCorpusStore } from "./directory-store.ts";

/** The store CORPUS_STORE names; PostgreSQL is connected to and migrated here. */
export async function openCorpusStore(
  setting: CorpusStoreSetting,
): Promise<Result<CorpusStore, Failure<"service.unreachable">>> {
  if (setting.kind === "directory") return ok(directoryCorpusStore(setting.path));
  try {
    // Loaded only when named, so a directory store starts without the PostgreSQL driver.
    const { openPostgresStore } = await import("./postgres-store.ts");
    return ok(await openPostgresStore({ url: setting.url }));
  } catch (err) {
    return fail({
      code: "service.unreachable",
      message: `The corpus store (CORPUS_STORE, PostgreSQL) did not answer: ${(err as Error).message}`,
    });
  }
}
